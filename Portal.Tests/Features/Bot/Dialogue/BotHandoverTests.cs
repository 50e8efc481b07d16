using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Features.Shifts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Dialogue;

/// <summary>The bot giving conversations to people, and people taking them from the bot, through the hubs and the API.</summary>
[Collection(BotCollection.Name)]
public sealed class BotHandoverTests(BotPortalApp fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task Asking_for_a_person_hands_over_to_an_available_agent_with_the_summary_pinned_and_the_bot_falls_silent()
    {
        using var admin = await _app.CreateApiClientAsync();
        var email = $"handover-{Guid.NewGuid():N}@example.com";
        var created = await (await admin.PostJsonAsync("/api/v1/team/people", new
        {
            email, displayName = "Lin Handover", roles = new[] { "Agent" }, capacity = 100, password = "Handover-Pa55",
        })).ReadAsync<JsonElement>();
        var agentId = created.GetProperty("personId").GetString()!;
        await admin.PutOnShiftNowAsync([agentId]);
        await using var agent = await _app.ConnectAgentAsync(await _app.LoginAsync(email, "Handover-Pa55"));
        var pinned = new HubEventLog<JsonElement>(agent, "conversation");
        await agent.InvokeAsync("SetPresence", "online");
        try
        {
            await using var customer = await BotCustomer.StartAsync(_app);
            await customer.AskAsync("我的订单 1002 什么时候发货");

            var handover = await customer.AskAsync("转人工");

            Assert.Equal("bot", handover.Author);
            Assert.Contains("转接人工", handover.Text);
            Assert.Contains("Lin Handover", handover.Text);
            var conversation = await pinned.WaitForAsync(c =>
                c.GetProperty("id").GetGuid() == customer.ConversationId && c.GetProperty("assigneeId").GetString() == agentId);
            Assert.False(conversation.GetProperty("botActive").GetBoolean());
            var summary = conversation.GetProperty("handoverSummary").GetString()!;
            Assert.Contains("asked for a person", summary);
            Assert.Contains("order 1002", summary);

            var history = await customer.SendAndSettleAsync("还在吗？");
            Assert.Equal("customer", history[^1].Author);
        }
        finally
        {
            await agent.InvokeAsync("SetPresence", "offline");
        }
    }

    [Fact]
    public async Task With_nobody_online_the_customer_is_told_the_team_is_away_and_the_conversation_waits_in_the_queue()
    {
        await using var customer = await BotCustomer.StartAsync(_app);

        var handover = await customer.AskAsync("I want to speak to a human");

        Assert.Contains("offline", handover.Text);
        using var admin = await _app.CreateApiClientAsync();
        var conversation = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{customer.ConversationId}", Json.Options);
        Assert.False(conversation.GetProperty("botActive").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, conversation.GetProperty("queuedAt").ValueKind);
    }

    [Fact]
    public async Task An_agent_who_replies_takes_the_conversation_from_the_bot()
    {
        await using var customer = await BotCustomer.StartAsync(_app);
        await customer.AskAsync("hello");
        using var admin = await _app.CreateApiClientAsync();

        (await admin.PostAsJsonAsync($"/api/v1/conversations/{customer.ConversationId}/messages", new { text = "Hi, Anna here, I'll take it from here." }))
            .EnsureSuccessStatusCode();
        var history = await customer.SendAndSettleAsync("where is my order 1002");

        Assert.Equal("customer", history[^1].Author);
        Assert.DoesNotContain(history, m => m.Author == "bot" && m.Text.Contains("1002"));
    }

    [Fact]
    public async Task An_agent_can_turn_the_bot_off_for_a_conversation_and_back_on()
    {
        await using var customer = await BotCustomer.StartAsync(_app);
        await customer.AskAsync("hi");
        using var admin = await _app.CreateApiClientAsync();

        var off = await (await admin.PutJsonAsync($"/api/v1/bot/conversations/{customer.ConversationId}", new { active = false })).ReadAsync<JsonElement>();
        Assert.False(off.GetProperty("botActive").GetBoolean());
        Assert.Equal("customer", (await customer.SendAndSettleAsync("anyone?"))[^1].Author);

        var on = await (await admin.PutJsonAsync($"/api/v1/bot/conversations/{customer.ConversationId}", new { active = true })).ReadAsync<JsonElement>();
        Assert.True(on.GetProperty("botActive").GetBoolean());
        var answer = await customer.AskAsync("where is order 1002?");
        Assert.Equal("bot", answer.Author);
        Assert.Contains("1002", answer.Text);
    }

    [Fact]
    public async Task Turning_the_bot_off_for_a_site_gives_its_bot_conversations_to_people_and_new_ones_start_with_people()
    {
        using var admin = await _app.CreateApiClientAsync();
        var siteId = await admin.DemoSiteIdAsync();
        await using var talking = await BotCustomer.StartAsync(_app);
        await talking.AskAsync("hi");
        try
        {
            (await admin.PutJsonAsync($"/api/v1/bot/sites/{siteId}", new { enabled = false })).EnsureSuccessStatusCode();

            var handedOver = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{talking.ConversationId}", Json.Options);
            Assert.False(handedOver.GetProperty("botActive").GetBoolean());
            await using var newcomer = await BotCustomer.StartAsync(_app);
            Assert.Equal("customer", (await newcomer.SendAndSettleAsync("where is my order 1002"))[^1].Author);
        }
        finally
        {
            (await admin.PutJsonAsync($"/api/v1/bot/sites/{siteId}", new { enabled = true })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Bot_settings_are_validated_and_saved()
    {
        using var admin = await _app.CreateApiClientAsync();

        var refused = await admin.PutJsonAsync("/api/v1/bot/settings", new { handoverIntents = new[] { "teleport" }, confidenceThreshold = 2.0, unclearTurnsBeforeHandover = 2 });
        var problem = await refused.ReadAsync<JsonElement>(System.Net.HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("handoverIntents", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("confidenceThreshold", out _));

        var saved = await (await admin.PutJsonAsync("/api/v1/bot/settings", new
        {
            handoverIntents = new[] { "human_agent", "complaint", "invoice" }, confidenceThreshold = 0.45, unclearTurnsBeforeHandover = 2,
        })).ReadAsync<JsonElement>();
        Assert.Equal(3, saved.GetProperty("handoverIntents").GetArrayLength());
        try
        {
            await using var customer = await BotCustomer.StartAsync(_app);
            var reply = await customer.AskAsync("我需要开发票，公司抬头怎么填");
            Assert.Contains("转接", reply.Text);
        }
        finally
        {
            (await admin.PutJsonAsync("/api/v1/bot/settings", new { handoverIntents = new[] { "human_agent", "complaint" }, confidenceThreshold = 0.45, unclearTurnsBeforeHandover = 2 }))
                .EnsureSuccessStatusCode();
        }
    }
}
