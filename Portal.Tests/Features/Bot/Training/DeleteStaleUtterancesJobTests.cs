using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Features.Bot;
using Portal.Features.Bot.Annotation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Training;

[Collection(BotTrainingCollection.Name)]
public sealed class DeleteStaleUtterancesJobTests(PortalAppFactory app)
{
    [Fact]
    public async Task Unlabelled_utterances_older_than_90_days_are_deleted_and_labelled_ones_stay_as_training_data()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        var conversation = await app.StartConversationAsync();
        var siteId = await SiteOfAsync(conversation.Id);
        var longAgo = Utterances(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-91)));
        var today = Utterances(TimeProvider.System);
        await longAgo.RecordAsync(conversation.Id, conversation.FirstMessage.Id, siteId, $"{tag} old", Classified($"{tag} old"), null, CancellationToken.None);
        await longAgo.RecordAsync(conversation.Id, conversation.FirstMessage.Id, siteId, $"{tag} old labelled", Classified($"{tag} old labelled"), null, CancellationToken.None);
        await today.RecordAsync(conversation.Id, conversation.FirstMessage.Id, siteId, $"{tag} new", Classified($"{tag} new"), null, CancellationToken.None);
        var labelled = (await today.SearchAsync(new UtteranceFilter(Query: $"{tag} old labelled"), 1, 10)).Items.Single();
        await today.LabelAsync([labelled.Id], Intents.Greeting, await app.UserIdAsync(PortalAppFactory.AdminEmail));

        await new DeleteStaleUtterancesJob(today, TimeProvider.System, NullLogger<DeleteStaleUtterancesJob>.Instance).RunAsync();

        var left = await today.SearchAsync(new UtteranceFilter(UtteranceLabelState.All, Query: tag), 1, 10);
        Assert.Equal([$"{tag} new", $"{tag} old labelled"], left.Items.Select(u => u.Text).Order());
    }

    private BotUtterances Utterances(TimeProvider clock) =>
        new(app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), app.Services.GetRequiredService<DatabaseWriteGate>(), clock);

    private static IntentClassification Classified(string text) => new(Intents.Greeting, 0.3, text);

    private async Task<Guid> SiteOfAsync(Guid conversationId)
    {
        using var api = await app.CreateApiClientAsync();
        return (await api.ConversationAsync(conversationId)).SiteId;
    }
}
