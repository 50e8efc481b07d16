using Portal.Features.Bot;
using Portal.Features.Bot.Annotation;
using Portal.Tests.Features.Bot.Dialogue;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Training;

/// <summary>What customers say to the bot lands on the annotation page, with what the bot understood.</summary>
[Collection(BotCollection.Name)]
public sealed class BotUtteranceRecordingTests(BotPortalApp fixture)
{
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task A_message_the_bot_answers_is_logged_for_annotation_with_its_prediction_and_model_version()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        await using var customer = await BotCustomer.StartAsync(_app);

        var sent = await customer.SendAsync($"我想退貨 {tag}");
        await customer.SendAndSettleAsync($"thanks {tag}");

        using var api = await _app.CreateApiClientAsync();
        var logged = (await api.GetAsync<UtterancePage>($"/api/v1/bot/utterances?q={tag}")).Items;
        Assert.Equal(2, logged.Count);
        var refund = logged.Single(u => u.MessageId == sent.Id);
        Assert.Equal(customer.ConversationId, refund.ConversationId);
        Assert.Equal($"我想退货 {tag}", refund.NormalizedText);
        Assert.Equal(Intents.ReturnRefund, refund.PredictedIntent);
        Assert.NotNull(refund.ModelVersion);
        Assert.Null(refund.Label);
    }
}
