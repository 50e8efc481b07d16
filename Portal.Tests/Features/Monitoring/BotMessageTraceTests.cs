using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Bot.Replies;
using Portal.Tests.Features.Bot.Dialogue;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>The bot answers later, in its own lane; its work still shows in the trace of the message it answers.</summary>
[Collection(BotCollection.Name)]
public sealed class BotMessageTraceTests(BotPortalApp fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task The_bots_answer_joins_the_trace_of_the_customers_message_with_its_own_store_and_deliveries()
    {
        await using var customer = await BotCustomer.StartAsync(_app);
        var question = await customer.SendAsync("Hi, where is my order 1002?");
        await _app.Services.GetRequiredService<BotResponder>().IdleAsync();
        var answer = await customer.Messages.WaitForAsync(m => m.Author == "bot");

        using var api = await _app.CreateApiClientAsync();
        var trace = await api.GetAsync<TraceTree>($"/api/v1/messages/{question.Id}/trace");

        Assert.Equal("hub.send", trace.Root.Name);
        var reply = trace.Root.Child("bot.reply");
        Assert.Equal(question.Id.ToString(), reply.Tags["portal.reply_to"]);
        Assert.Equal(customer.ConversationId.ToString(), reply.Tags["portal.conversation_id"]);
        Assert.Equal(answer.Id.ToString(), reply.Child("db.insert").Tags["portal.message_id"]);
        Assert.Equal("bot", reply.Child("db.insert").Tags["portal.author"]);
        Assert.Equal(answer.Id.ToString(), reply.Child("deliver", "widget").Tags["portal.message_id"]);
        Assert.True(reply.StartOffsetMs >= trace.Root.Child("db.insert").EndOffsetMs, "the bot starts before the question is stored");
        trace.Root.AssertSane();
        Assert.Contains(" → bot.reply ", trace.Timeline);

        // The answer's own trace button shows the same path.
        Assert.Equal(trace.TraceId, (await api.GetAsync<TraceTree>($"/api/v1/messages/{answer.Id}/trace")).TraceId);
    }
}
