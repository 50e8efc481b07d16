using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Conversations;

/// <summary>The agents' real-time connection, <c>/hubs/agent</c>, with the official SignalR client.</summary>
[Collection(HubsCollection.Name)]
public sealed class AgentHubTests(PortalAppFactory app)
{
    [Fact]
    public async Task Reply_stores_the_agents_message_under_their_name_and_returns_it()
    {
        var started = await app.StartConversationAsync();
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));

        var reply = await agent.InvokeAsync<ChatMessage>("Reply", started.Id, Guid.NewGuid().ToString(), "您好，请问有什么可以帮您？");

        Assert.Equal(2, reply.Seq);
        Assert.Equal("agent", reply.Author);
        Assert.Equal("李娜 Li Na", reply.AuthorName);
        using var api = await app.CreateApiClientAsync();
        Assert.Equal(reply, (await api.MessagesAsync(started.Id))[1]);
    }

    [Fact]
    public async Task Reply_with_a_repeated_clientMessageId_returns_the_first_message_and_stores_nothing_new()
    {
        var started = await app.StartConversationAsync();
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));
        var clientMessageId = Guid.NewGuid().ToString();

        var first = await agent.InvokeAsync<ChatMessage>("Reply", started.Id, clientMessageId, "On its way!");
        var retried = await agent.InvokeAsync<ChatMessage>("Reply", started.Id, clientMessageId, "On its way!");

        Assert.Equal(first, retried);
        using var api = await app.CreateApiClientAsync();
        Assert.Equal(2, (await api.MessagesAsync(started.Id)).Length);
    }

    [Fact]
    public async Task Reply_to_an_unknown_conversation_is_refused_with_a_hub_error()
    {
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));

        var error = await Assert.ThrowsAsync<HubException>(() =>
            agent.InvokeAsync<ChatMessage>("Reply", Guid.NewGuid(), Guid.NewGuid().ToString(), "Hello?"));

        Assert.Contains("does not exist", error.Message);
        Assert.Equal(HubConnectionState.Connected, agent.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4001)]
    public async Task A_bad_reply_is_refused_with_a_hub_error_and_the_connection_keeps_working(int length)
    {
        var started = await app.StartConversationAsync();
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));

        await Assert.ThrowsAsync<HubException>(() =>
            agent.InvokeAsync<ChatMessage>("Reply", started.Id, Guid.NewGuid().ToString(), new string('x', length)));

        var next = await agent.InvokeAsync<ChatMessage>("Reply", started.Id, Guid.NewGuid().ToString(), "Sorry, here is my answer.");
        Assert.Equal(2, next.Seq);
    }

    [Fact]
    public async Task Every_agent_hears_every_customer_message()
    {
        await using var agent1 = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));
        await using var agent2 = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent2Email));
        var heardBy1 = agent1.Record<ChatMessage>("message");
        var heardBy2 = agent2.Record<ChatMessage>("message");

        var started = await app.StartConversationAsync("Anyone there?");

        await heardBy1.WaitForAsync(m => m.Id == started.FirstMessage.Id);
        await heardBy2.WaitForAsync(m => m.Id == started.FirstMessage.Id);
    }

    [Fact]
    public async Task Agents_hear_when_a_conversation_is_assigned_or_closed()
    {
        var started = await app.StartConversationAsync();
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent2Email));
        var changes = agent.Record<JsonElement>("conversation");
        var agent2Id = await app.UserIdAsync(PortalAppFactory.Agent2Email);
        using var api = await app.CreateApiClientAsync();

        (await api.PostJsonAsync($"/api/v1/conversations/{started.Id}/assign", new { agentId = agent2Id })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/conversations/{started.Id}/close", null)).EnsureSuccessStatusCode();

        await changes.WaitForAsync(c => c.GetProperty("id").GetGuid() == started.Id && c.GetProperty("assigneeId").GetString() == agent2Id);
        await changes.WaitForAsync(c => c.GetProperty("id").GetGuid() == started.Id && c.GetProperty("status").GetString() == "closed");
    }

    [Fact]
    public async Task Every_agent_hears_when_a_waiting_conversation_is_taken_so_none_answers_it_as_waiting()
    {
        // Agent 1 may not see other agents' conversations: it heard this one's first message while nobody had it.
        await using var bystander = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));
        var heard = bystander.Record<ChatMessage>("message");
        var changes = bystander.Record<JsonElement>("conversation");
        var started = await app.StartConversationAsync("Is the blue jacket back in stock?");
        await heard.WaitForAsync(m => m.Id == started.FirstMessage.Id);
        var agent2Id = await app.UserIdAsync(PortalAppFactory.Agent2Email);
        using var api = await app.CreateApiClientAsync();

        (await api.PostJsonAsync($"/api/v1/conversations/{started.Id}/assign", new { agentId = agent2Id })).EnsureSuccessStatusCode();

        await changes.WaitForAsync(c => c.GetProperty("id").GetGuid() == started.Id && c.GetProperty("assigneeId").GetString() == agent2Id);
    }

    [Fact]
    public async Task The_agent_hub_accepts_the_token_in_the_query_string_as_browsers_send_it()
    {
        var started = await app.StartConversationAsync();
        var token = await app.TokenForAsync(PortalAppFactory.Agent2Email);
        await using var agent = app.BuildHubConnection($"{PortalAppFactory.AgentHubPath}?access_token={Uri.EscapeDataString(token)}", accessToken: null);
        await agent.StartAsync();

        var reply = await agent.InvokeAsync<ChatMessage>("Reply", started.Id, Guid.NewGuid().ToString(), "Hello from the console");

        Assert.Equal("Tom Parker", reply.AuthorName);
    }

    [Fact]
    public async Task The_agent_hub_refuses_a_connection_without_a_token()
    {
        await using var agent = app.BuildHubConnection(PortalAppFactory.AgentHubPath, accessToken: null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => agent.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task The_agent_hub_refuses_a_visitor_token()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var agent = app.BuildHubConnection(PortalAppFactory.AgentHubPath, session.VisitorToken);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => agent.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
