using System.Net;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Conversations;

[Collection(ApiCollection.Name)]
public sealed class ConversationsApiTests(PortalAppFactory app)
{
    // Seeded by the demo shop (Features/Demo/DemoSeeder.cs); no test changes these three.
    private const string WaitingCustomer = "王芳";
    private const string AgentTwosCustomer = "Emily Carter";
    private const string ClosedCustomer = "陳志明";

    [Fact]
    public async Task The_list_shows_the_seeded_demo_conversations()
    {
        using var api = await app.CreateApiClientAsync();

        var conversations = await api.ConversationsAsync();

        foreach (var name in new[] { WaitingCustomer, AgentTwosCustomer, ClosedCustomer })
        {
            var conversation = Assert.Single(conversations, c => c.ContactName == name);
            Assert.Equal("Demo Shop", conversation.SiteName);
            Assert.Equal("web", conversation.Channel);
            Assert.True(conversation.LastSeq > 0);
        }
    }

    [Fact]
    public async Task The_status_filter_lists_only_conversations_in_that_status()
    {
        using var api = await app.CreateApiClientAsync();

        var closed = await api.ConversationsAsync("?status=closed");
        var open = await api.ConversationsAsync("?status=open");

        Assert.Contains(closed, c => c.ContactName == ClosedCustomer);
        Assert.All(closed, c => Assert.Equal("closed", c.Status));
        Assert.Contains(open, c => c.ContactName == WaitingCustomer);
        Assert.All(open, c => Assert.Equal("open", c.Status));
    }

    [Theory]
    [InlineData("sleeping")]
    [InlineData("1")]
    public async Task An_unknown_status_filter_is_refused_with_a_validation_problem(string status)
    {
        using var api = await app.CreateApiClientAsync();
        using var response = await api.GetAsync($"/api/v1/conversations?status={status}");

        await response.AssertValidationErrorAsync("status");
    }

    [Fact]
    public async Task Assignee_me_lists_the_conversations_of_the_signed_in_agent()
    {
        using var agent2 = await app.CreateApiClientAsync(PortalAppFactory.Agent2Email);
        using var agent1 = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        var agent2Id = await app.UserIdAsync(PortalAppFactory.Agent2Email);

        var mine = await agent2.ConversationsAsync("?assignee=me");
        var someoneElses = await agent1.ConversationsAsync("?assignee=me");

        Assert.Contains(mine, c => c.ContactName == AgentTwosCustomer);
        Assert.All(mine, c => Assert.Equal(agent2Id, c.AssigneeId));
        Assert.DoesNotContain(someoneElses, c => c.ContactName == AgentTwosCustomer);
    }

    [Fact]
    public async Task Assignee_unassigned_lists_only_conversations_nobody_owns()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();

        var before = await api.ConversationsAsync("?assignee=unassigned");
        (await api.PostJsonAsync($"/api/v1/conversations/{started.Id}/assign",
            new { agentId = await app.UserIdAsync(PortalAppFactory.Agent1Email) })).EnsureSuccessStatusCode();
        var after = await api.ConversationsAsync("?assignee=unassigned");

        Assert.Contains(before, c => c.Id == started.Id);
        Assert.Contains(before, c => c.ContactName == WaitingCustomer);
        Assert.All(before, c => Assert.Null(c.AssigneeId));
        Assert.DoesNotContain(after, c => c.Id == started.Id);
    }

    [Fact]
    public async Task Search_finds_a_conversation_by_a_word_in_its_messages_or_by_the_customers_name()
    {
        using var api = await app.CreateApiClientAsync();
        var word = $"parcel{Guid.NewGuid():N}";
        var started = await app.StartConversationAsync($"Where is my {word}?");

        var byWord = await api.ConversationsAsync($"?q={word}");
        var byName = await api.ConversationsAsync("?q=emily");
        var byNothingKnown = await api.ConversationsAsync($"?q=nothing{Guid.NewGuid():N}");

        Assert.Equal(started.Id, Assert.Single(byWord).Id);
        Assert.Contains(byName, c => c.ContactName == AgentTwosCustomer);
        Assert.Empty(byNothingKnown);
    }

    [Fact]
    public async Task Search_takes_percent_and_underscore_literally()
    {
        using var api = await app.CreateApiClientAsync();
        var word = $"discount{Guid.NewGuid():N}";
        var started = await app.StartConversationAsync($"Is there a {word} 50% off?");

        var literal = await api.ConversationsAsync($"?q={Uri.EscapeDataString(word + " 50%")}");
        var wildcards = await api.ConversationsAsync($"?q={Uri.EscapeDataString(word + "%off")}");
        var singleCharacter = await api.ConversationsAsync($"?q={Uri.EscapeDataString(word + "_50")}");

        Assert.Equal(started.Id, Assert.Single(literal).Id);
        Assert.Empty(wildcards);
        Assert.Empty(singleCharacter);
    }

    [Fact]
    public async Task A_conversation_a_visitor_opened_without_writing_is_not_listed_yet()
    {
        using var api = await app.CreateApiClientAsync();
        var session = await app.StartWidgetSessionAsync();

        var listed = await api.ConversationsAsync();

        Assert.DoesNotContain(listed, c => c.Id == session.ConversationId);
    }

    [Fact]
    public async Task Getting_a_conversation_by_id_returns_it()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync("Do you ship to Hong Kong?");

        var conversation = await api.ConversationAsync(started.Id);

        Assert.Equal(started.Id, conversation.Id);
        Assert.Equal("open", conversation.Status);
        Assert.Equal("Demo Shop", conversation.SiteName);
        Assert.Equal(1, conversation.LastSeq);
        Assert.Equal(1, conversation.Unread);
        Assert.Equal("Do you ship to Hong Kong?", conversation.LastMessagePreview);
        Assert.Null(conversation.AssigneeId);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/messages")]
    [InlineData("POST", "/messages")]
    [InlineData("POST", "/assign")]
    [InlineData("POST", "/close")]
    [InlineData("POST", "/reopen")]
    public async Task An_unknown_conversation_is_a_404_problem(string method, string suffix)
    {
        using var api = await app.CreateApiClientAsync();
        var url = $"/api/v1/conversations/{Guid.NewGuid()}{suffix}";

        using var response = method == "GET"
            ? await api.GetAsync(url)
            : await api.PostJsonAsync(url, new { text = "Hello?", agentId = (string?)null });

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Conversation not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Messages_come_in_seq_order_and_afterSeq_returns_only_newer_ones()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync("First");
        (await api.PostMessageAsync(started.Id, "Second")).EnsureSuccessStatusCode();
        (await api.PostMessageAsync(started.Id, "Third")).EnsureSuccessStatusCode();

        var all = await api.MessagesAsync(started.Id);
        var newer = await api.MessagesAsync(started.Id, afterSeq: 1);
        var none = await api.MessagesAsync(started.Id, afterSeq: 3);

        Assert.Equal(["First", "Second", "Third"], all.Select(m => m.Text));
        Assert.Equal([1L, 2L, 3L], all.Select(m => m.Seq));
        Assert.Equal(["customer", "agent", "agent"], all.Select(m => m.Author));
        Assert.Equal([2L, 3L], newer.Select(m => m.Seq));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_message_has_exactly_the_fields_of_the_contract_with_utc_times()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();

        using var response = await api.GetAsync($"/api/v1/conversations/{started.Id}/messages");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(
            ["author", "authorName", "clientMessageId", "conversationId", "id", "private", "sentAt", "seq", "text"],
            message.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("customer", message.GetProperty("author").GetString());
        Assert.EndsWith("Z", message.GetProperty("sentAt").GetString());
    }

    [Fact]
    public async Task Posting_a_message_returns_201_and_repeating_its_clientMessageId_returns_200_with_the_same_message()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();
        var clientMessageId = Guid.NewGuid().ToString();

        using var first = await api.PostMessageAsync(started.Id, "Your order ships today.", clientMessageId);
        using var repeat = await api.PostMessageAsync(started.Id, "Your order ships today.", clientMessageId);

        var created = await first.ReadAsync<ChatMessage>(HttpStatusCode.Created);
        Assert.NotNull(first.Headers.Location);
        var repeated = await repeat.ReadAsync<ChatMessage>(HttpStatusCode.OK);
        Assert.Equal(created, repeated);
        Assert.Equal(2, created.Seq);
        Assert.Equal("agent", created.Author);
        Assert.Equal("Administrator", created.AuthorName);
        Assert.Equal(clientMessageId, created.ClientMessageId);
        Assert.Equal(2, (await api.MessagesAsync(started.Id)).Length);
    }

    [Fact]
    public async Task The_same_clientMessageId_in_two_conversations_stores_a_message_in_each()
    {
        using var api = await app.CreateApiClientAsync();
        var first = await app.StartConversationAsync();
        var second = await app.StartConversationAsync();
        var clientMessageId = Guid.NewGuid().ToString();

        using var one = await api.PostMessageAsync(first.Id, "Thanks for waiting.", clientMessageId);
        using var other = await api.PostMessageAsync(second.Id, "Thanks for waiting.", clientMessageId);

        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task A_clientMessageId_over_100_characters_is_refused_with_a_validation_problem()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();

        using var response = await api.PostMessageAsync(started.Id, "Hello", new string('c', 101));

        await response.AssertValidationErrorAsync("clientMessageId");
        Assert.Single(await api.MessagesAsync(started.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData(null)]
    public async Task An_empty_message_is_refused_with_errors_text_and_nothing_is_stored(string? text)
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();

        using var response = await api.PostMessageAsync(started.Id, text);

        await response.AssertValidationErrorAsync("text");
        Assert.Single(await api.MessagesAsync(started.Id));
    }

    [Fact]
    public async Task A_message_over_4000_characters_is_refused_with_errors_text_and_nothing_is_stored()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();

        using var tooLong = await api.PostMessageAsync(started.Id, new string('x', 4001));
        using var longest = await api.PostMessageAsync(started.Id, new string('y', 4000));

        var errors = await tooLong.AssertValidationErrorAsync("text");
        Assert.Contains("4000", errors[0]);
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        var stored = await api.MessagesAsync(started.Id);
        Assert.Equal(2, stored.Length);
        Assert.Equal(4000, stored[1].Text.Length);
    }

    [Theory]
    [InlineData("{\"text\": \"unfinished")]
    [InlineData("{\"text\": 42}")]
    [InlineData("[\"text\"]")]
    [InlineData("")]
    public async Task A_malformed_json_body_is_a_400_not_a_500_and_nothing_is_stored(string body)
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();

        using var response = await api.PostRawJsonAsync($"/api/v1/conversations/{started.Id}/messages", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "The problem does not say what was wrong.");
        Assert.Single(await api.MessagesAsync(started.Id));
    }

    [Fact]
    public async Task Assigning_closing_and_reopening_change_the_conversation()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();
        var agent1Id = await app.UserIdAsync(PortalAppFactory.Agent1Email);
        var url = $"/api/v1/conversations/{started.Id}";

        var assigned = await (await api.PostJsonAsync($"{url}/assign", new { agentId = agent1Id })).ReadAsync<ConversationSummary>();
        Assert.Equal(agent1Id, assigned.AssigneeId);
        Assert.Equal("李娜 Li Na", assigned.AssigneeName);
        Assert.Equal(agent1Id, (await api.ConversationAsync(started.Id)).AssigneeId);

        var closed = await (await api.PostAsync($"{url}/close", null)).ReadAsync<ConversationSummary>();
        Assert.Equal("closed", closed.Status);
        Assert.Contains(await api.ConversationsAsync("?status=closed"), c => c.Id == started.Id);

        var reopened = await (await api.PostAsync($"{url}/reopen", null)).ReadAsync<ConversationSummary>();
        Assert.Equal("open", reopened.Status);
        Assert.Equal(agent1Id, reopened.AssigneeId);

        var unassigned = await (await api.PostJsonAsync($"{url}/assign", new { agentId = (string?)null })).ReadAsync<ConversationSummary>();
        Assert.Null(unassigned.AssigneeId);
        Assert.Equal("open", (await api.ConversationAsync(started.Id)).Status);
    }

    [Fact]
    public async Task Assigning_to_an_unknown_agent_is_refused_and_leaves_the_assignee_alone()
    {
        using var api = await app.CreateApiClientAsync();
        var started = await app.StartConversationAsync();

        using var response = await api.PostJsonAsync($"/api/v1/conversations/{started.Id}/assign", new { agentId = "no-such-agent" });

        await response.AssertValidationErrorAsync("agentId");
        Assert.Null((await api.ConversationAsync(started.Id)).AssigneeId);
    }
}
