using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Portal.Features.Bot.Llm;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Llm;

/// <summary>The real Semantic Kernel connector, through the app's resilient HTTP client, against an OpenAI-compatible server on loopback.</summary>
[Collection(ApiCollection.Name)]
public sealed class LlmChatTests(PortalAppFactory app) : IAsyncLifetime
{
    private FakeOpenAiServer _llm = null!;

    public async Task InitializeAsync() => _llm = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Fact]
    public async Task A_tool_call_runs_the_plugin_and_its_result_goes_back_to_the_model_before_the_answer()
    {
        _llm.Enqueue(
            FakeOpenAiReply.ToolCalls(("Stock-UnitsInStock", """{"sku":"DOWN-JACKET-M"}""")),
            FakeOpenAiReply.Text("We have 7 down jackets in size M."));
        var settings = SettingsFor(_llm) with { ApiKey = "sk-test-key", Temperature = 0.3 };
        var stock = new StockPlugin();
        var kernel = Kernels.Create(settings);
        kernel.Plugins.AddFromObject(stock, "Stock");

        var history = LlmChat.StartHistory(settings, [new(AuthorRole.User, "Do you have the down jacket in M?")]);

        var answer = await LlmChat.CompleteAsync(kernel, history, settings, CancellationToken.None);

        Assert.Equal("We have 7 down jackets in size M.", answer);
        Assert.Equal([AuthorRole.System, AuthorRole.User, AuthorRole.Assistant, AuthorRole.Tool], history.Select(m => m.Role));
        Assert.Equal(["DOWN-JACKET-M"], stock.AskedFor);
        var (first, second) = (_llm.Requests[0], _llm.Requests[1]);
        Assert.Equal(2, _llm.Requests.Count);
        Assert.Equal(FakeOpenAiServer.ModelName, first.Model);
        Assert.Equal(0.3, first.Temperature!.Value, 3);
        Assert.Equal("Bearer sk-test-key", first.Authorization);
        Assert.Equal(["Stock-UnitsInStock"], first.ToolNames);
        Assert.Equal(["system", "user"], first.Messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(settings.Persona, first.Messages[0].GetProperty("content").GetString());
        var toolResult = second.Messages.Last();
        Assert.Equal("tool", toolResult.GetProperty("role").GetString());
        Assert.Equal("call_1", toolResult.GetProperty("tool_call_id").GetString());
        Assert.Equal("7", toolResult.GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_model_sees_the_persona_and_only_the_latest_messages_of_a_long_conversation()
    {
        var settings = SettingsFor(_llm) with { MaxHistoryMessages = 4 };
        var conversation = Enumerable.Range(1, 10).Select(i => new ChatMessageContent(i % 2 == 1 ? AuthorRole.User : AuthorRole.Assistant, $"message {i}"));

        await LlmChat.CompleteAsync(Kernels.Create(settings), LlmChat.StartHistory(settings, conversation), settings, CancellationToken.None);

        var sent = _llm.Requests.Single().Messages.Select(m => m.GetProperty("content").GetString());
        Assert.Equal([settings.Persona, "message 7", "message 8", "message 9", "message 10"], sent);
    }

    [Fact]
    public async Task A_slow_model_ends_in_a_timeout_at_the_deadline_instead_of_waiting_for_it()
    {
        _llm.Enqueue(FakeOpenAiReply.Text("Too late.").After(TimeSpan.FromSeconds(20)));
        var settings = SettingsFor(_llm) with { TimeoutSeconds = 1 };
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<LlmReplyException>(() => AskAsync(settings));

        Assert.Equal(LlmFailure.Timeout, failure.Failure);
        Assert.Equal("timeout", failure.Reason);
        // Cut at the 1 s deadline, not after the model's 20 s (how close to the deadline is a benchmark: docs/benchmarks.md).
        // Timers may fire a millisecond or two before the stopwatch says a second has passed.
        Assert.InRange(clock.ElapsedMilliseconds, 950, 10_000);
    }

    [Fact]
    public async Task After_repeated_server_errors_the_circuit_opens_and_the_next_call_fails_at_once_without_reaching_the_server()
    {
        _llm.Enqueue(Enumerable.Repeat(FakeOpenAiReply.Error(HttpStatusCode.InternalServerError), 3).ToArray());
        var settings = SettingsFor(_llm);
        for (var i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<LlmReplyException>(() => AskAsync(settings));
            Assert.Equal(LlmFailure.HttpError, error.Failure);
        }

        var open = await Assert.ThrowsAsync<LlmReplyException>(() => AskAsync(settings));

        Assert.Equal("circuit_open", open.Reason);
        Assert.Equal(3, _llm.Requests.Count);
    }

    [Fact]
    public async Task A_body_that_is_not_a_chat_completion_is_an_invalid_response()
    {
        _llm.Enqueue(FakeOpenAiReply.Garbage());

        var failure = await Assert.ThrowsAsync<LlmReplyException>(() => AskAsync(SettingsFor(_llm)));

        Assert.Equal("invalid_response", failure.Reason);
    }

    [Fact]
    public async Task A_tool_call_with_arguments_that_are_not_JSON_is_an_invalid_response_and_runs_nothing()
    {
        _llm.Enqueue(FakeOpenAiReply.ToolCalls(("Stock-UnitsInStock", "{sku: DOWN-JACKET")), FakeOpenAiReply.Text("We have plenty."));
        var settings = SettingsFor(_llm);
        var stock = new StockPlugin();
        var kernel = Kernels.Create(settings);
        kernel.Plugins.AddFromObject(stock, "Stock");

        var failure = await Assert.ThrowsAsync<LlmReplyException>(() =>
            LlmChat.CompleteAsync(kernel, LlmChat.StartHistory(settings, [new(AuthorRole.User, "Any jackets?")]), settings, CancellationToken.None));

        Assert.Equal(LlmFailure.InvalidResponse, failure.Failure);
        Assert.Empty(stock.AskedFor);
    }

    [Fact]
    public async Task A_call_to_a_function_the_bot_does_not_have_is_an_invalid_response()
    {
        _llm.Enqueue(FakeOpenAiReply.ToolCalls(("Orders-Refund", """{"number":"1002"}""")), FakeOpenAiReply.Text("Refunded!"));

        var failure = await Assert.ThrowsAsync<LlmReplyException>(() => AskAsync(SettingsFor(_llm)));

        Assert.Equal(LlmFailure.InvalidResponse, failure.Failure);
    }

    [Fact]
    public async Task An_empty_answer_or_a_tool_call_written_as_text_is_an_invalid_response()
    {
        _llm.Enqueue(FakeOpenAiReply.Text("  "), FakeOpenAiReply.Text("""{"name": "Orders-Status", "arguments": {"number": "1002"}}"""));
        var settings = SettingsFor(_llm);

        var empty = await Assert.ThrowsAsync<LlmReplyException>(() => AskAsync(settings));
        var printedCall = await Assert.ThrowsAsync<LlmReplyException>(() => AskAsync(settings));

        Assert.Equal(LlmFailure.InvalidResponse, empty.Failure);
        Assert.Equal(LlmFailure.InvalidResponse, printedCall.Failure);
    }

    internal static LlmSettings SettingsFor(FakeOpenAiServer llm) =>
        new() { Enabled = true, BaseUrl = llm.BaseUrl, Model = FakeOpenAiServer.ModelName, TimeoutSeconds = 5 };

    private LlmKernelFactory Kernels => app.Services.GetRequiredService<LlmKernelFactory>();

    private Task<string> AskAsync(LlmSettings settings) =>
        LlmChat.CompleteAsync(Kernels.Create(settings), LlmChat.StartHistory(settings, [new(AuthorRole.User, "Hello?")]), settings, CancellationToken.None);

    private sealed class StockPlugin
    {
        public List<string> AskedFor { get; } = [];

        [KernelFunction, Description("How many units of a product variant are in stock.")]
        public int UnitsInStock([Description("The variant's SKU")] string sku)
        {
            AskedFor.Add(sku);
            return 7;
        }
    }
}
