using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Shifts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Shifts;

/// <summary>Agents set their presence through the agent hub; idle makes them away and activity brings them back.</summary>
[Collection(HubsCollection.Name)]
public sealed class PresenceHubTests(PortalAppFactory app)
{
    private AgentPresence Agents => app.Services.GetRequiredService<AgentPresence>();

    [Fact]
    public async Task SetPresence_stores_the_agents_choice_and_publishes_it()
    {
        var (id, email) = await app.CreatePersonAsync();
        var published = new List<PresenceChanged>();
        using var subscription = app.Services.GetRequiredService<PresenceNotifier>().Subscribe(change =>
        {
            lock (published) published.Add(change);
            return Task.CompletedTask;
        });
        await using var agent = await app.ConnectAgentAsync(await app.LoginAsync(email, ShiftTestData.Password));

        await agent.InvokeAsync("SetPresence", "online");
        Assert.Equal(Presence.Online, await Agents.GetAsync(id));
        await agent.InvokeAsync("SetPresence", "Away");
        Assert.Equal(Presence.Away, await Agents.GetAsync(id));

        lock (published)
            Assert.Equal([new PresenceChanged(id, Presence.Online), new PresenceChanged(id, Presence.Away)], published.Where(p => p.UserId == id));
    }

    [Theory]
    [InlineData("busy")]
    [InlineData("2")]
    [InlineData("")]
    public async Task An_unknown_presence_is_refused_with_a_hub_error_and_the_connection_keeps_working(string presence)
    {
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent2Email));

        var error = await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync("SetPresence", presence));

        Assert.Contains("use online, away or offline", error.Message);
        Assert.Equal(HubConnectionState.Connected, agent.State);
    }

    [Fact]
    public async Task An_idle_online_agent_becomes_away_and_is_online_again_when_active()
    {
        var (id, email) = await app.CreatePersonAsync();
        await using var agent = await app.ConnectAgentAsync(await app.LoginAsync(email, ShiftTestData.Password));
        await agent.InvokeAsync("SetPresence", "online");

        await Agents.MarkIdleAgentsAwayAsync(DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(Presence.Online, await Agents.GetAsync(id));
        await Agents.MarkIdleAgentsAwayAsync(DateTimeOffset.UtcNow.AddMinutes(11));
        Assert.Equal(Presence.Away, await Agents.GetAsync(id));

        await agent.InvokeAsync("Typing", (await app.StartConversationAsync()).Id, false);
        Assert.Equal(Presence.Online, await Agents.GetAsync(id));
        // Routing gives new conversations to online agents: leave none behind for the other tests.
        await agent.InvokeAsync("SetPresence", "offline");
    }

    [Fact]
    public async Task An_agent_who_chose_away_or_offline_stays_so_when_active_or_idle()
    {
        var (id, email) = await app.CreatePersonAsync();
        await using var agent = await app.ConnectAgentAsync(await app.LoginAsync(email, ShiftTestData.Password));
        await agent.InvokeAsync("SetPresence", "away");

        await agent.InvokeAsync("Typing", (await app.StartConversationAsync()).Id, false);
        Assert.Equal(Presence.Away, await Agents.GetAsync(id));
        await agent.InvokeAsync("SetPresence", "offline");
        await Agents.MarkIdleAgentsAwayAsync(DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(Presence.Offline, await Agents.GetAsync(id));
    }
}
