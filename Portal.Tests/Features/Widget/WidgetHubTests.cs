using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Widget;

/// <summary>The customer's side of a conversation, through <c>/hubs/widget</c> with the official SignalR client.</summary>
[Collection(HubsCollection.Name)]
public sealed class WidgetHubTests(PortalAppFactory app)
{
    [Fact]
    public async Task Send_stores_the_customers_message_and_returns_it_with_seq_1()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);
        var clientMessageId = Guid.NewGuid().ToString();

        var message = await widget.InvokeAsync<ChatMessage>("Send", clientMessageId, "Hi, is the wool coat in stock?");

        Assert.Equal(1, message.Seq);
        Assert.Equal("customer", message.Author);
        Assert.Equal(session.ConversationId, message.ConversationId);
        Assert.Equal(clientMessageId, message.ClientMessageId);
        Assert.False(message.Private);
        Assert.StartsWith("Visitor ", message.AuthorName);
        using var api = await app.CreateApiClientAsync();
        Assert.Equal(message, Assert.Single(await api.MessagesAsync(session.ConversationId)));
    }

    [Fact]
    public async Task Sending_again_with_the_same_clientMessageId_returns_the_first_message_and_stores_nothing_new()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);
        var clientMessageId = Guid.NewGuid().ToString();

        var first = await widget.InvokeAsync<ChatMessage>("Send", clientMessageId, "Where is order 1002?");
        var retried = await widget.InvokeAsync<ChatMessage>("Send", clientMessageId, "Where is order 1002?");

        Assert.Equal(first, retried);
        using var api = await app.CreateApiClientAsync();
        Assert.Single(await api.MessagesAsync(session.ConversationId));
    }

    [Fact]
    public async Task Fifty_concurrent_senders_get_seq_1_to_50_without_gaps_or_duplicates()
    {
        const int senders = 50;
        var session = await app.StartWidgetSessionAsync();
        var sent = await app.SendFromManyTabsAtOnceAsync(session, senders);

        Assert.Equal(Enumerable.Range(1, senders).Select(i => (long)i), sent.Select(m => m.Seq).Order());
        using var api = await app.CreateApiClientAsync();
        var stored = await api.MessagesAsync(session.ConversationId);
        Assert.Equal(Enumerable.Range(1, senders).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(sent.OrderBy(m => m.Seq), stored);
        Assert.Equal(senders, (await api.ConversationAsync(session.ConversationId)).LastSeq);
    }

    [Fact]
    public async Task A_retry_racing_its_original_send_stores_the_message_once()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var tab1 = await app.ConnectWidgetAsync(session.VisitorToken);
        await using var tab2 = await app.ConnectWidgetAsync(session.VisitorToken);
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid().ToString()).ToArray();

        var results = await Task.WhenAll(ids.SelectMany(id => new[]
        {
            tab1.InvokeAsync<ChatMessage>("Send", id, $"Text {id}"),
            tab2.InvokeAsync<ChatMessage>("Send", id, $"Text {id}"),
        }));

        foreach (var pair in results.Chunk(2))
            Assert.Equal(pair[0], pair[1]);
        using var api = await app.CreateApiClientAsync();
        var stored = await api.MessagesAsync(session.ConversationId);
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(ids.Order(), stored.Select(m => m.ClientMessageId!).Order());
    }

    [Fact]
    public async Task History_after_a_reconnect_returns_what_was_missed()
    {
        var session = await app.StartWidgetSessionAsync();
        using var api = await app.CreateApiClientAsync();
        var widget = await app.ConnectWidgetAsync(session.VisitorToken);
        var seen = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Can I pay by invoice?");
        await widget.DisposeAsync();

        (await api.PostMessageAsync(session.ConversationId, "Yes, for orders over ¥500.")).EnsureSuccessStatusCode();
        (await api.PostMessageAsync(session.ConversationId, "Anything else?")).EnsureSuccessStatusCode();
        await using var reconnected = await app.ConnectWidgetAsync(session.VisitorToken);
        var missed = await reconnected.InvokeAsync<ChatMessage[]>("History", seen.Seq);
        var everything = await reconnected.InvokeAsync<ChatMessage[]>("History", 0L);

        Assert.Equal(["Yes, for orders over ¥500.", "Anything else?"], missed.Select(m => m.Text));
        Assert.Equal([2L, 3L], missed.Select(m => m.Seq));
        Assert.All(missed, m => Assert.Equal("agent", m.Author));
        Assert.Equal([1L, 2L, 3L], everything.Select(m => m.Seq));
    }

    [Fact]
    public async Task An_agent_connection_receives_the_customers_message()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));
        var agentMessages = agent.Record<ChatMessage>("message");
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);

        var sent = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Hello from the shop page");

        Assert.Equal(sent, await agentMessages.WaitForAsync(m => m.Id == sent.Id));
    }

    [Fact]
    public async Task The_widget_receives_the_agents_reply()
    {
        var started = await app.StartConversationAsync();
        await using var widget = await app.ConnectWidgetAsync(started.Session.VisitorToken);
        var widgetMessages = widget.Record<ChatMessage>("message");
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent2Email));

        var reply = await agent.InvokeAsync<ChatMessage>("Reply", started.Id, Guid.NewGuid().ToString(), "Hi, Tom here. How can I help?");

        var received = await widgetMessages.WaitForAsync(m => m.Id == reply.Id);
        Assert.Equal(reply, received);
        Assert.Equal("agent", received.Author);
        Assert.Equal("Tom Parker", received.AuthorName);
        Assert.Equal(2, received.Seq);
    }

    [Fact]
    public async Task Private_notes_never_reach_the_widget()
    {
        var started = await app.StartConversationAsync();
        await using var widget = await app.ConnectWidgetAsync(started.Session.VisitorToken);
        var widgetMessages = widget.Record<ChatMessage>("message");
        using var api = await app.CreateApiClientAsync();

        var note = await (await api.PostMessageAsync(started.Id, "VIP, offer free shipping", isPrivate: true)).ReadAsync<ChatMessage>(HttpStatusCode.Created);
        var reply = await (await api.PostMessageAsync(started.Id, "We'll ship it for free!")).ReadAsync<ChatMessage>(HttpStatusCode.Created);

        // Events go out in order: once the public reply is here, the note would have been too.
        await widgetMessages.WaitForAsync(m => m.Id == reply.Id);
        Assert.True(note.Private);
        Assert.DoesNotContain(widgetMessages.Received, m => m.Id == note.Id);
        var history = await widget.InvokeAsync<ChatMessage[]>("History", 0L);
        Assert.Equal([1L, 3L], history.Select(m => m.Seq));
        Assert.Contains(await api.MessagesAsync(started.Id), m => m.Id == note.Id && m.Private);
    }

    [Fact]
    public async Task Closing_the_conversation_through_the_api_tells_the_widget()
    {
        var started = await app.StartConversationAsync();
        await using var widget = await app.ConnectWidgetAsync(started.Session.VisitorToken);
        var closed = widget.Record<JsonElement>("closed");
        using var api = await app.CreateApiClientAsync();

        (await api.PostAsync($"/api/v1/conversations/{started.Id}/close", null)).EnsureSuccessStatusCode();

        var closedEvent = await closed.WaitForAsync(_ => true);
        Assert.Equal(started.Id, closedEvent.GetProperty("conversationId").GetGuid());
    }

    [Fact]
    public async Task A_customer_writing_into_a_closed_conversation_reopens_it()
    {
        var started = await app.StartConversationAsync();
        using var api = await app.CreateApiClientAsync();
        (await api.PostAsync($"/api/v1/conversations/{started.Id}/close", null)).EnsureSuccessStatusCode();
        await using var widget = await app.ConnectWidgetAsync(started.Session.VisitorToken);

        await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "One more question");

        Assert.Equal("open", (await api.ConversationAsync(started.Id)).Status);
    }

    [Fact]
    public async Task Typing_is_relayed_from_the_customer_to_agents_and_from_an_agent_to_the_customer()
    {
        var started = await app.StartConversationAsync();
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));
        await using var widget = await app.ConnectWidgetAsync(started.Session.VisitorToken);
        var widgetTyping = widget.Record<JsonElement>("typing");
        var agentTyping = agent.Record<JsonElement>("typing");

        await widget.InvokeAsync("Typing", true);
        await agent.InvokeAsync("Typing", started.Id, true);

        var customerTyping = await agentTyping.WaitForAsync(e =>
            e.GetProperty("conversationId").GetGuid() == started.Id && e.GetProperty("author").GetString() == "customer");
        Assert.True(customerTyping.GetProperty("isTyping").GetBoolean());
        var agentIsTyping = await widgetTyping.WaitForAsync(e => e.GetProperty("author").GetString() == "agent");
        Assert.True(agentIsTyping.GetProperty("isTyping").GetBoolean());
        Assert.Equal("李娜 Li Na", agentIsTyping.GetProperty("authorName").GetString());
        Assert.DoesNotContain(widgetTyping.Received, e => e.GetProperty("author").GetString() == "customer");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData(null, "empty")]
    [InlineData(4001, "4000")]
    public async Task Bad_text_is_refused_with_a_hub_error_and_the_connection_keeps_working(object? text, string explanation)
    {
        var session = await app.StartWidgetSessionAsync();
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);
        var badText = text is int length ? new string('x', length) : (string?)text;

        var error = await Assert.ThrowsAsync<HubException>(() => widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), badText));

        Assert.Contains(explanation, error.Message);
        Assert.Equal(HubConnectionState.Connected, widget.State);
        var next = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "A proper question");
        Assert.Equal(1, next.Seq);
    }

    [Fact]
    public async Task Customer_html_is_stored_and_returned_verbatim()
    {
        const string html = "<script>alert(1)</script><b>bold</b> & \"quotes\"";
        var session = await app.StartWidgetSessionAsync();
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));
        var agentMessages = agent.Record<ChatMessage>("message");
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);

        var sent = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), html);

        Assert.Equal(html, sent.Text);
        Assert.Equal(html, (await agentMessages.WaitForAsync(m => m.Id == sent.Id)).Text);
        using var api = await app.CreateApiClientAsync();
        Assert.Equal(html, Assert.Single(await api.MessagesAsync(session.ConversationId)).Text);
        Assert.Equal(html, (await api.ConversationAsync(session.ConversationId)).LastMessagePreview);
    }

    [Fact]
    public async Task Attributes_and_the_current_page_are_stored_on_the_contact()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);

        await widget.InvokeAsync("SetAttributes", new Dictionary<string, object?> { ["plan"] = "gold", ["cartValue"] = 129.5, ["vip"] = true });
        await widget.InvokeAsync("PageView", new { url = "https://shop.example/coats", title = "Coats", referrer = "", timeZone = "Asia/Shanghai", locale = "zh-CN" });

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var contactId = (await db.Conversations.SingleAsync(c => c.Id == session.ConversationId)).ContactId;
        var contact = await db.Contacts.SingleAsync(c => c.Id == contactId);
        Assert.Equal("gold", contact.Attributes["plan"]);
        Assert.Equal("129.5", contact.Attributes["cartValue"]);
        Assert.Equal("https://shop.example/coats", contact.CurrentPageUrl);
        Assert.Equal("Coats", contact.CurrentPageTitle);
        Assert.Equal("Asia/Shanghai", contact.TimeZone);
        Assert.Equal("zh-CN", contact.Locale);
    }

    [Fact]
    public async Task A_nested_attribute_is_refused_with_a_hub_error()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            widget.InvokeAsync("SetAttributes", new Dictionary<string, object?> { ["address"] = new { city = "Shanghai" } }));

        Assert.Contains("address", error.Message);
        Assert.Equal(HubConnectionState.Connected, widget.State);
    }

    [Fact]
    public async Task A_visitor_token_in_the_query_string_is_accepted_as_browsers_send_it()
    {
        var session = await app.StartWidgetSessionAsync();
        await using var widget = app.BuildHubConnection($"{PortalAppFactory.WidgetHubPath}?access_token={Uri.EscapeDataString(session.VisitorToken)}", accessToken: null);
        await widget.StartAsync();

        var message = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Sent from a browser");

        Assert.Equal(session.ConversationId, message.ConversationId);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData(null)]
    public async Task The_widget_hub_refuses_a_connection_without_a_valid_visitor_token(string? token)
    {
        await using var widget = app.BuildHubConnection(PortalAppFactory.WidgetHubPath, token);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => widget.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_widget_hub_request_without_a_visitor_token_is_told_why_as_problem_json()
    {
        using var http = app.CreateClient();

        using var response = await http.PostAsync($"{PortalAppFactory.WidgetHubPath}/negotiate?negotiateVersion=1&access_token=expired-or-forged", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("visitor token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_widget_hub_refuses_an_agents_token()
    {
        await using var widget = app.BuildHubConnection(PortalAppFactory.WidgetHubPath, await app.TokenForAsync(PortalAppFactory.Agent1Email));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => widget.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
