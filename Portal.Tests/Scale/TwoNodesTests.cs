using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>
/// Scale-out (SPEC §3): two Portal processes sharing one database and a real Redis. A hub message stored on one node
/// reaches connections on the other, and a sign-in made on one node is good on the other (shared Data Protection keys).
/// </summary>
public sealed class TwoNodesTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private RedisServer _redis = null!;
    private PortalProcess _nodeA = null!;
    private PortalProcess _nodeB = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Portal:Redis"] = _redis.Configuration };
        // One after the other: the first migrates and seeds, the second finds it done.
        _nodeA = await PortalProcess.StartAsync(_dataDirectory, settings);
        _nodeB = await PortalProcess.StartAsync(_dataDirectory, settings);
    }

    public async Task DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_customer_on_one_node_and_an_agent_on_the_other_exchange_messages_both_ways()
    {
        var session = await _nodeA.StartWidgetSessionAsync();
        await using var widget = await _nodeA.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
        var toCustomer = new HubEventLog<ChatMessage>(widget, "message");
        // Signed in on node B, the agent's token works on node A too: both nodes read the Data Protection keys from Redis.
        var agentToken = await _nodeB.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        await using var agent = await _nodeB.ConnectAsync(PortalAppFactory.AgentHubPath, agentToken);
        await using var sameAgentOnA = await _nodeA.ConnectAsync(PortalAppFactory.AgentHubPath, agentToken);
        var toAgent = new HubEventLog<ChatMessage>(agent, "message");

        var question = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Hello from node A, is my parcel on its way?");
        var heard = await toAgent.WaitForAsync(m => m.Id == question.Id);
        var answer = await agent.InvokeAsync<ChatMessage>("Reply", session.ConversationId, Guid.NewGuid().ToString(), "Hello from node B: it left today.");
        var read = await toCustomer.WaitForAsync(m => m.Id == answer.Id);

        Assert.Equal((question.Seq, "customer"), (heard.Seq, heard.Author));
        Assert.Equal((question.Seq + 1, "agent"), (read.Seq, read.Author));
        Assert.Equal(HubConnectionState.Connected, sameAgentOnA.State);
    }

    [Fact]
    public async Task A_node_is_not_ready_while_redis_is_down()
    {
        using var http = new HttpClient { BaseAddress = _nodeA.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        await _redis.StopAsync();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        while ((status = (await http.GetAsync("/readyz")).StatusCode) == HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
    }
}
