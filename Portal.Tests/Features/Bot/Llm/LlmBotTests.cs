using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Portal.Tests.Features.Bot.Dialogue;
using Portal.Tests.Features.Shifts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Llm;

/// <summary>
/// The bot with an LLM: an OpenAI-compatible server on loopback (scripted) drives Semantic Kernel's real connector end to
/// end through the widget hub; when it fails, the embedded bot answers.
/// </summary>
[Collection(BotCollection.Name)]
public sealed class LlmBotTests(BotPortalApp fixture) : IAsyncLifetime
{
    private readonly PortalAppFactory _app = fixture.App;
    private FakeOpenAiServer _llm = null!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        await ConfigureAsync(enabled: true, timeoutSeconds: 2);
    }

    public async Task DisposeAsync()
    {
        // The collection's app is shared: the other bot tests expect the embedded bot.
        await ConfigureAsync(enabled: false, timeoutSeconds: 8);
        await _llm.DisposeAsync();
    }

    [Fact]
    public async Task The_LLM_calls_the_order_plugin_and_answers_with_the_real_order()
    {
        _llm.Enqueue(
            FakeOpenAiReply.ToolCalls(("orders-order_status", """{"orderNumber":"2024112300123"}""")),
            FakeOpenAiReply.Text("Your scarf order 2024112300123 is on its way with SF Express (SF1402857361249)."));
        await using var customer = await BotCustomer.StartAsync(_app);

        var reply = await customer.AskAsync("hey, where's my scarf? order 2024112300123");

        Assert.Equal("Your scarf order 2024112300123 is on its way with SF Express (SF1402857361249).", reply.Text);
        var first = _llm.Requests[^2];
        Assert.Contains("orders-order_status", first.ToolNames);
        Assert.Contains("handover-hand_over_to_human", first.ToolNames);
        Assert.DoesNotContain(first.ToolNames, name => Regex.IsMatch(name, "cancel|refund|delete|update|change", RegexOptions.IgnoreCase));
        Assert.Contains(first.Messages, m => m.GetProperty("role").GetString() == "user" && m.GetProperty("content").GetString()!.Contains("scarf"));
        var toolResult = _llm.Requests[^1].Messages.Single(m => m.GetProperty("role").GetString() == "tool").GetProperty("content").GetString()!;
        Assert.Contains("Shipped", toolResult);
        Assert.Contains("SF1402857361249", toolResult);
        Assert.DoesNotContain("世纪大道", toolResult);
    }

    [Fact]
    public async Task The_LLM_can_hand_the_conversation_to_a_person()
    {
        _llm.Enqueue(
            FakeOpenAiReply.ToolCalls(("handover-hand_over_to_human", """{"reason":"wants to negotiate a bulk price"}""")),
            FakeOpenAiReply.Text("I'll pass you to a colleague who can quote a bulk price."));
        await using var customer = await BotCustomer.StartAsync(_app);

        var reply = await customer.AskAsync("I need 300 jackets for my company, what price can you do?");

        Assert.StartsWith("I'll pass you to a colleague who can quote a bulk price.", reply.Text);
        Assert.Contains("offline", reply.Text);
        var history = await customer.SendAndSettleAsync("ok");
        Assert.Equal("customer", history[^1].Author);
    }

    [Fact]
    public async Task A_slow_LLM_is_cut_off_at_the_deadline_and_the_embedded_bot_answers()
    {
        // The LLM would answer after a minute; the 2 s deadline must cut it off. How fast the fallback comes after the
        // deadline is a benchmark (tools/Portal.BotBench), not something a loaded test machine can time.
        _llm.Enqueue(FakeOpenAiReply.Text("far too late").After(TimeSpan.FromSeconds(60)));
        var fallbacksBefore = await FallbacksAsync("timeout");
        await using var customer = await BotCustomer.StartAsync(_app);

        var clock = Stopwatch.StartNew();
        var reply = await customer.AskAsync("where is my order 1002?", timeout: TimeSpan.FromSeconds(30));

        Assert.Contains("paid and being packed", reply.Text);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        Assert.Equal(fallbacksBefore + 1, await FallbacksAsync("timeout", atLeast: fallbacksBefore + 1));
    }

    [Fact]
    public async Task Garbage_from_the_LLM_is_never_shown_and_the_conversation_goes_on()
    {
        _llm.Enqueue(FakeOpenAiReply.Garbage(), FakeOpenAiReply.ToolCalls(("orders-order_status", "{not json")));
        await using var customer = await BotCustomer.StartAsync(_app);

        var first = await customer.AskAsync("我的订单 1002 到哪了");
        var second = await customer.AskAsync("2024112300123 呢？");

        Assert.Contains("1002", first.Text);
        Assert.DoesNotContain("nginx", first.Text);
        Assert.Contains("2024112300123", second.Text);
    }

    /// <summary>portal_bot_fallback_total{reason} as /metrics shows it, read again for a few seconds until it reaches <paramref name="atLeast"/> (the exporter caches scrapes briefly).</summary>
    private async Task<double> FallbacksAsync(string reason, double atLeast = 0)
    {
        using var client = _app.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var metrics = await client.GetStringAsync("/metrics");
            var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("portal_bot_fallback_total{") && l.Contains($"reason=\"{reason}\""));
            var value = line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            if (value >= atLeast || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(250);
        }
    }

    private async Task ConfigureAsync(bool enabled, int timeoutSeconds)
    {
        using var admin = await _app.CreateApiClientAsync();
        using var response = await admin.PutJsonAsync("/api/v1/bot/assistant", new
        {
            enabled, provider = "openAICompatible", baseUrl = _llm.BaseUrl, model = FakeOpenAiServer.ModelName, apiKey = "sk-test",
            clearApiKey = false, persona = "", temperature = 0.2, timeoutSeconds, maxHistoryMessages = 20,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
