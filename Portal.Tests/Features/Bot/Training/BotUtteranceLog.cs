using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Bot;
using Portal.Features.Bot.Annotation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Training;

/// <summary>Customer messages recorded as the bot records them: classified by the app's own classifier, then logged.</summary>
public static class BotUtteranceLog
{
    /// <summary>Records each text (make them unique to the test) in one new demo-shop conversation; returns their ids.</summary>
    public static async Task<Guid[]> RecordUtterancesAsync(this PortalAppFactory app, params string[] texts)
    {
        var conversation = await app.StartConversationAsync(texts[0]);
        using var api = await app.CreateApiClientAsync();
        var siteId = (await api.ConversationAsync(conversation.Id)).SiteId;
        var classifier = app.Services.GetRequiredService<IntentClassifier>();
        var utterances = app.Services.GetRequiredService<BotUtterances>();
        var ids = new List<Guid>();
        foreach (var text in texts)
        {
            await utterances.RecordAsync(conversation.Id, conversation.FirstMessage.Id, siteId, text, classifier.Classify(text),
                classifier.ActiveVersion, CancellationToken.None);
            var listed = await api.GetAsync<UtterancePage>($"/api/v1/bot/utterances?state=all&q={Uri.EscapeDataString(text)}");
            ids.Add(listed.Items.Single(u => u.Text == text).Id);
        }
        return [.. ids];
    }
}
