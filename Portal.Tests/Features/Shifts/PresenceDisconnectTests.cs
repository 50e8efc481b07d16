using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Shifts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Shifts;

/// <summary>An app of its own whose disconnect grace is one second instead of thirty.</summary>
public sealed class ShortDisconnectGraceApp : IAsyncLifetime
{
    public PortalAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:Presence:DisconnectGrace"] = "00:00:01" });

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class PresenceDisconnectTests(ShortDisconnectGraceApp fixture) : IClassFixture<ShortDisconnectGraceApp>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Closing_the_last_connection_makes_an_online_agent_away_after_the_grace_and_reconnecting_brings_them_back()
    {
        var (id, email) = await App.CreatePersonAsync();
        var token = await App.LoginAsync(email, ShiftTestData.Password);
        var presence = App.Services.GetRequiredService<AgentPresence>();
        var first = await App.ConnectAgentAsync(token);
        await using var second = await App.ConnectAgentAsync(token);
        await first.InvokeAsync("SetPresence", "online");

        await first.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(Presence.Online, await presence.GetAsync(id));

        await second.StopAsync();
        await WaitForAsync(() => presence.GetAsync(id), Presence.Away);

        await using var back = await App.ConnectAgentAsync(token);
        await WaitForAsync(() => presence.GetAsync(id), Presence.Online);
    }

    [Fact]
    public async Task A_reconnect_within_the_grace_keeps_the_agent_online()
    {
        var (id, email) = await App.CreatePersonAsync();
        var token = await App.LoginAsync(email, ShiftTestData.Password);
        var presence = App.Services.GetRequiredService<AgentPresence>();
        var before = await App.ConnectAgentAsync(token);
        await before.InvokeAsync("SetPresence", "online");

        await before.DisposeAsync();
        await using var after = await App.ConnectAgentAsync(token);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(Presence.Online, await presence.GetAsync(id));
    }

    private static async Task WaitForAsync(Func<Task<Presence>> read, Presence expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await read() != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The presence did not become {expected} in time.");
            await Task.Delay(100);
        }
    }
}
