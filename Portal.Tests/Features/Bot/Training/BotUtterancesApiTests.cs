using System.Net;
using Portal.Features.Bot;
using Portal.Features.Bot.Annotation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Training;

[Collection(BotTrainingCollection.Name)]
public sealed class BotUtterancesApiTests(PortalAppFactory app)
{
    private const string Utterances = "/api/v1/bot/utterances";

    [Fact]
    public async Task Recorded_utterances_are_listed_least_confident_first_with_what_the_bot_understood()
    {
        var tag = Tag();
        await app.RecordUtterancesAsync($"我的訂單 {tag} 到哪了", $"{tag} qzxv blorp", $"hello {tag} thanks a lot, bye");
        using var api = await app.CreateApiClientAsync();

        var listed = await api.GetAsync<UtterancePage>($"{Utterances}?q={tag}");

        Assert.Equal(3, listed.Total);
        Assert.Equal(listed.Items.Select(u => u.Confidence).Order(), listed.Items.Select(u => u.Confidence));
        var traditional = listed.Items.Single(u => u.Text.StartsWith("我的訂單", StringComparison.Ordinal));
        Assert.Equal($"我的订单 {tag} 到哪了", traditional.NormalizedText);
        Assert.Equal(Intents.OrderStatus, traditional.PredictedIntent);
        Assert.NotNull(traditional.ModelVersion);
        Assert.All(listed.Items, u => Assert.Null(u.Label));
        var unsure = await api.GetAsync<UtterancePage>($"{Utterances}?q={tag}&below={listed.Items[1].Confidence}");
        Assert.Equal([listed.Items[0].Id], unsure.Items.Select(u => u.Id));
    }

    [Fact]
    public async Task Bulk_labelling_makes_training_examples_and_unlabelling_takes_them_out_again()
    {
        var tag = Tag();
        var ids = await app.RecordUtterancesAsync($"{tag} 我要找真人客服", $"{tag} 转人工", $"where is my parcel {tag}");
        using var api = await app.CreateApiClientAsync();

        var labelled = await (await api.PostJsonAsync($"{Utterances}/labels", new { ids = ids[..2], intent = Intents.HumanAgent }))
            .ReadAsync<BotTrainingApi.LabelResult>();
        var accepted = await (await api.PostJsonAsync($"{Utterances}/labels", new { ids = ids[2..], acceptPrediction = true }))
            .ReadAsync<BotTrainingApi.LabelResult>();

        Assert.Equal(2, labelled.Updated);
        Assert.Equal(1, accepted.Updated);
        Assert.Equal(0, (await api.GetAsync<UtterancePage>($"{Utterances}?q={tag}")).Total);
        var done = (await api.GetAsync<UtterancePage>($"{Utterances}?q={tag}&state=labelled")).Items.ToDictionary(u => u.Id);
        Assert.Equal(Intents.HumanAgent, done[ids[0]].Label);
        Assert.Equal(Intents.HumanAgent, done[ids[1]].Label);
        Assert.Equal(done[ids[2]].PredictedIntent, done[ids[2]].Label);
        var custom = await api.GetStringAsync("/api/v1/bot/dataset.csv?scope=custom");
        Assert.Contains($"{tag} 我要找真人客服,human_agent,zh-Hans,train", custom);
        Assert.Contains($"where is my parcel {tag},{done[ids[2]].PredictedIntent},en,train", custom);

        var unlabelled = await (await api.PostJsonAsync($"{Utterances}/unlabel", new { ids = ids[..1] })).ReadAsync<BotTrainingApi.LabelResult>();

        Assert.Equal(1, unlabelled.Updated);
        Assert.Equal([ids[0]], (await api.GetAsync<UtterancePage>($"{Utterances}?q={tag}")).Items.Select(u => u.Id));
        Assert.DoesNotContain($"{tag} 我要找真人客服", await api.GetStringAsync("/api/v1/bot/dataset.csv?scope=custom"));
    }

    [Fact]
    public async Task Labelling_needs_known_utterance_ids_and_a_real_intent()
    {
        using var api = await app.CreateApiClientAsync();

        await (await api.PostJsonAsync($"{Utterances}/labels", new { ids = new[] { Guid.NewGuid() }, intent = "weather" })).AssertValidationErrorAsync("intent");
        await (await api.PostJsonAsync($"{Utterances}/labels", new { ids = Array.Empty<Guid>(), intent = Intents.Invoice })).AssertValidationErrorAsync("ids");
        await (await api.PostJsonAsync($"{Utterances}/labels", new { ids = new[] { Guid.NewGuid() } })).AssertValidationErrorAsync("intent");
        var unknown = await (await api.PostJsonAsync($"{Utterances}/labels", new { ids = new[] { Guid.NewGuid() }, intent = Intents.Invoice }))
            .ReadAsync<BotTrainingApi.LabelResult>();
        Assert.Equal(0, unknown.Updated);
    }

    [Fact]
    public async Task An_agent_without_bot_train_cannot_see_the_utterances()
    {
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);

        using var response = await agent.GetAsync(Utterances);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string Tag() => "t" + Guid.NewGuid().ToString("N")[..10];
}
