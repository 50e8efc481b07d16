using System.Diagnostics;
using System.Net;
using Portal.Features.Bot;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot;

[Collection(ApiCollection.Name)]
public sealed class BotApiTests(PortalAppFactory app)
{
    private const string Classify = "/api/v1/bot/classify";
    private const string Supervisor = "supervisor@portal.local";

    [Fact]
    public async Task A_supervisor_gets_the_intent_of_a_Traditional_Chinese_question()
    {
        using var api = await app.CreateApiClientAsync(Supervisor);

        var result = await ClassifyWhenReadyAsync(api, new { text = "我的訂單２０２４１１２３００１２３到哪了？？？", locale = "zh-Hant" });

        Assert.Equal(Intents.OrderStatus, result.Intent);
        Assert.InRange(result.Confidence, 0.5, 1);
        Assert.Equal("我的订单2024112300123到哪了?", result.NormalizedText);
    }

    [Fact]
    public async Task Emoji_only_text_is_unknown_and_long_text_is_answered()
    {
        using var api = await app.CreateApiClientAsync();
        await ClassifyWhenReadyAsync(api, new { text = "hi" });

        var emoji = await (await api.PostJsonAsync(Classify, new { text = "🙂🙂" })).ReadAsync<IntentClassification>();
        var longest = await api.PostJsonAsync(Classify, new { text = new string('退', BotApi.MaxTextLength) });

        Assert.Equal(new IntentClassification(Intents.Unknown, 0, "🙂🙂"), emoji);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
    }

    [Theory]
    [InlineData(null, "text")]
    [InlineData("   ", "text")]
    [InlineData("x", "locale")]
    public async Task Missing_text_or_an_unknown_locale_is_a_validation_problem(string? text, string field)
    {
        using var api = await app.CreateApiClientAsync();

        using var response = await api.PostJsonAsync(Classify, new { text, locale = field == "locale" ? "fr" : null });

        await response.AssertValidationErrorAsync(field);
    }

    [Fact]
    public async Task Text_over_4000_characters_is_a_validation_problem()
    {
        using var api = await app.CreateApiClientAsync();

        using var response = await api.PostJsonAsync(Classify, new { text = new string('a', BotApi.MaxTextLength + 1) });

        await response.AssertValidationErrorAsync("text");
    }

    [Fact]
    public async Task An_agent_without_bot_train_is_refused()
    {
        using var api = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);

        using var response = await api.PostJsonAsync(Classify, new { text = "转人工" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<IntentClassification> ClassifyWhenReadyAsync(HttpClient api, object body)
    {
        // The first start trains the model in a background job; the endpoint answers 503 until it is ready.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await api.PostJsonAsync(Classify, body);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                return await response.ReadAsync<IntentClassification>();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "The intent model was not ready within 90 s of the first start.");
            await Task.Delay(250);
        }
    }
}
