using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Portal.Features.Bot;
using Portal.Features.Bot.Training;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Training;

/// <summary>
/// The one real retraining of the suite (tens of seconds of CPU): people label what customers said, train a new
/// version, compare it, activate it and roll back.
/// </summary>
[Collection(BotTrainingCollection.Name)]
public sealed class RetrainIntentModelTests(PortalAppFactory app)
{
    private const string Models = "/api/v1/bot/models";

    // A word no shipped example has: only the labelled utterances can teach the model what it means.
    private const string NewWord = "zorblaxium";

    private static readonly string[] Phrasings =
    [
        "{0}", "{0} please", "{0} {0}", "about {0}", "{0} question", "{0}?", "{0}!", "hi {0}", "{0} now", "my {0}", "the {0}", "a {0}",
        "{0} thing", "{0} again", "{0} ok", "just {0}", "{0} pls", "{0} asap", "any {0}", "some {0}", "{0} today", "{0} here", "{0} stuff", "need {0}",
    ];

    private static readonly string[] LabelledTexts = [.. Phrasings.Select(phrasing => string.Format(phrasing, NewWord))];

    private sealed record RunView(string Version, string State, string? Error);

    [Fact]
    public async Task A_retrained_version_is_stored_with_its_evaluation_unactivated_and_activating_it_or_rolling_back_switches_what_classify_answers()
    {
        using var api = await app.CreateApiClientAsync();
        var shipped = (await api.GetAsync<IntentModelVersion[]>(Models)).Single(v => v.IsActive);
        var before = await ClassifyAsync(api, NewWord);
        // An intent the shipped model does not already guess for the word, so learning it shows.
        var taught = before.Intent == Intents.Invoice ? Intents.Payment : Intents.Invoice;
        var ids = await app.RecordUtterancesAsync(LabelledTexts);
        (await api.PostJsonAsync("/api/v1/bot/utterances/labels", new { ids, intent = taught })).EnsureSuccessStatusCode();

        var queued = await (await api.PostAsync($"{Models}/train", null)).ReadAsync<RunView>(HttpStatusCode.Accepted);
        var second = await (await api.PostAsync($"{Models}/train", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var finished = await WaitForTrainingAsync(api, queued.Version);

        Assert.Contains("already", second.GetProperty("title").GetString());
        Assert.True(finished.State == "done", $"The training ended {finished.State}: {finished.Error}");
        var versions = await api.GetAsync<IntentModelVersion[]>(Models);
        Assert.Equal(shipped.Version, versions.Single(v => v.IsActive).Version);
        var trained = await api.GetAsync<IntentModelVersion>($"{Models}/{queued.Version}");
        Assert.False(trained.IsActive);
        Assert.Equal(shipped.Evaluation!.Overall.Examples, trained.Evaluation!.Overall.Examples);
        Assert.InRange(trained.Evaluation.Overall.Accuracy, shipped.Evaluation.Overall.Accuracy - 0.01, 1);
        Assert.Equal(Intents.All.Count, trained.Evaluation.Confusion.Intents.Count);
        Assert.True(trained.Metadata!.CustomExamples >= LabelledTexts.Length);
        Assert.Equal(IntentModelStore.ShippedVersion, trained.Metadata.BaseDataset);
        Assert.Equal("Administrator", trained.Metadata.CreatedBy);
        Assert.Equal(before, await ClassifyAsync(api, NewWord));
        var nothingNew = await (await api.PostAsync($"{Models}/train", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(queued.Version, nothingNew.GetProperty("detail").GetString());

        (await api.PostAsync($"{Models}/{queued.Version}/activate", null)).EnsureSuccessStatusCode();
        var learned = await ClassifyAsync(api, NewWord);

        Assert.Equal(taught, learned.Intent);
        Assert.InRange(learned.Confidence, 0.8, 1);
        Assert.Equal(queued.Version, (await api.GetAsync<IntentModelVersion[]>(Models)).Single(v => v.IsActive).Version);

        (await api.PostAsync($"{Models}/{shipped.Version}/activate", null)).EnsureSuccessStatusCode();

        Assert.Equal(before, await ClassifyAsync(api, NewWord));
        Assert.Equal(shipped.Version, (await api.GetAsync<IntentModelVersion[]>(Models)).Single(v => v.IsActive).Version);
        var audit = (await api.GetAsync<JsonElement>("/api/v1/audit?action=bot.model")).GetProperty("items").EnumerateArray()
            .Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("target").GetString()}").ToList();
        Assert.Contains($"bot.model.training-requested bot-model:{queued.Version}", audit);
        Assert.Contains($"bot.model.activated bot-model:{queued.Version}", audit);
        Assert.Contains($"bot.model.activated bot-model:{shipped.Version}", audit);
    }

    [Fact]
    public async Task An_unknown_version_cannot_be_activated_or_shown()
    {
        using var api = await app.CreateApiClientAsync();

        await (await api.PostAsync($"{Models}/v19990101000000/activate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"{Models}/..%2F..%2Fetc")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<IntentClassification> ClassifyAsync(HttpClient api, string text) =>
        await (await api.PostJsonAsync("/api/v1/bot/classify", new { text })).ReadAsync<IntentClassification>();

    private static async Task<RunView> WaitForTrainingAsync(HttpClient api, string version)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var run = await api.GetAsync<RunView>($"{Models}/training");
            Assert.Equal(version, run.Version);
            if (run.State is "done" or "failed")
                return run;
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(6), $"Training {version} was still {run.State} after 6 minutes.");
            await Task.Delay(1000);
        }
    }
}
