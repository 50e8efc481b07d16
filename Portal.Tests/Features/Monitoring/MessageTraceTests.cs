using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>Each message's path through the app, as <c>/admin/traces</c> and the console's trace button show it.</summary>
[Collection(HubsCollection.Name)]
public sealed class MessageTraceTests(PortalAppFactory app)
{
    [Fact]
    public async Task A_customers_message_has_a_trace_from_the_hub_through_validation_and_storing_to_each_delivery()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);
        var message = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Do you ship to Norway?");

        using var api = await app.CreateApiClientAsync();
        // Nobody is online and the bot is off, so the message also puts the conversation in the queue, in the routing
        // queue's own loop, a moment after the hub answered.
        var trace = await TraceOnceRoutedAsync(api, message.Id);

        Assert.Equal(message.Id, trace.MessageId);
        Assert.Equal(session.ConversationId, trace.ConversationId);
        var root = trace.Root;
        Assert.Equal("hub.send", root.Name);
        Assert.Equal(0, root.StartOffsetMs);
        Assert.Equal(message.Id.ToString(), root.Tags["portal.message_id"]);
        Assert.Equal(session.ConversationId.ToString(), root.Tags["portal.conversation_id"]);
        Assert.Equal("1", root.Tags["portal.message_seq"]);
        Assert.Equal("customer", root.Tags["portal.author"]);
        Assert.Equal("web", root.Tags["portal.channel"]);
        Assert.Equal(["db.insert", "deliver", "deliver", "message.validate", "route"], root.Children.Select(c => c.Name).Order());
        var stored = root.Child("db.insert");
        Assert.Equal(message.Id.ToString(), stored.Tags["portal.message_id"]);
        Assert.Equal("1", stored.Tags["portal.message_seq"]);
        Assert.True(root.Child("message.validate").EndOffsetMs <= stored.StartOffsetMs);
        foreach (var recipient in new[] { "widget", "agents" })
        {
            var delivery = root.Child("deliver", recipient);
            Assert.Equal(message.Id.ToString(), delivery.Tags["portal.message_id"]);
            Assert.True(delivery.StartOffsetMs >= stored.EndOffsetMs, $"delivery to {recipient} starts before the message is stored");
            Assert.True(delivery.EndOffsetMs <= root.EndOffsetMs, $"delivery to {recipient} ends after {root.Name}");
        }
        root.AssertSane();
        Assert.StartsWith("hub.send ", trace.Timeline);
        Assert.Contains(" → db.insert ", trace.Timeline);
        Assert.Contains(" → deliver widget ", trace.Timeline);
    }

    [Fact]
    public async Task An_agents_reply_is_traced_from_the_agent_hub_and_listed_with_its_conversations_traces()
    {
        var conversation = await app.StartConversationAsync("Can I change my delivery address?");
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));
        var reply = await agent.InvokeAsync<ChatMessage>("Reply", conversation.Id, Guid.NewGuid().ToString(), "Yes, tell me the new one.");

        using var api = await app.CreateApiClientAsync();
        var trace = await api.GetAsync<TraceTree>($"/api/v1/messages/{reply.Id}/trace");
        Assert.Equal("agent.reply", trace.Root.Name);
        Assert.Equal("agent", trace.Root.Tags["portal.author"]);
        Assert.Equal(reply.Id.ToString(), trace.Root.Child("db.insert").Tags["portal.message_id"]);
        trace.Root.AssertSane();

        var listed = await api.GetAsync<TraceSummary[]>($"/api/v1/traces?conversationId={conversation.Id}");
        Assert.Equal(trace.TraceId, listed[0].TraceId);
        Assert.Equal(reply.Id, listed[0].MessageId);
        Assert.All(listed, t => Assert.Equal(conversation.Id, t.ConversationId));
        await (await api.GetAsync("/api/v1/traces?limit=0")).AssertValidationErrorAsync("limit");
        var byId = await api.GetAsync<TraceTree>($"/api/v1/traces/{trace.TraceId}");
        Assert.Equal((trace.MessageId, trace.Timeline), (byId.MessageId, byId.Timeline));
    }

    [Fact]
    public async Task A_private_note_posted_through_the_API_is_traced_and_goes_to_agents_only()
    {
        var conversation = await app.StartConversationAsync("Please call me back.");
        using var api = await app.CreateApiClientAsync();
        var note = await (await api.PostMessageAsync(conversation.Id, "Customer prefers mornings.", isPrivate: true)).ReadAsync<ChatMessage>(HttpStatusCode.Created);

        var trace = await api.GetAsync<TraceTree>($"/api/v1/messages/{note.Id}/trace");

        Assert.Equal("api.post_message", trace.Root.Name);
        Assert.Equal(["db.insert", "deliver", "message.validate"], trace.Root.Children.Select(c => c.Name).Order());
        Assert.Equal("agents", trace.Root.Child("deliver").Tags["portal.recipient"]);
        trace.Root.AssertSane();
    }

    [Fact]
    public async Task A_trace_that_is_not_kept_is_a_404_problem()
    {
        using var api = await app.CreateApiClientAsync();

        await (await api.GetAsync($"/api/v1/messages/{Guid.NewGuid()}/trace")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/v1/traces/{new string('a', 32)}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<TraceTree> TraceOnceRoutedAsync(HttpClient api, Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var trace = await api.GetAsync<TraceTree>($"/api/v1/messages/{messageId}/trace");
            if (trace.Root.Children.Any(c => c.Name == "route") || DateTime.UtcNow > deadline)
                return trace;
            await Task.Delay(50);
        }
    }
}
