using System.Diagnostics;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Portal.Features.Bot.Llm;

/// <summary>The outcome of a test connection: whether the LLM answered, how fast, which model, and what to fix if not.</summary>
public sealed record LlmConnectionResult(bool Ok, long LatencyMs, string? Model, string Message);

/// <summary>Sends the LLM a tiny completion through the same client and breaker the bot uses, within the reply deadline.</summary>
public sealed class LlmConnectionTester(LlmKernelFactory kernels, ILogger<LlmConnectionTester> logger)
{
    public async Task<LlmConnectionResult> TestAsync(LlmSettings settings, CancellationToken cancellationToken = default)
    {
        try
        {
            LlmSettingsStore.Validate(settings with { Enabled = true });
        }
        catch (LlmSettingsException ex)
        {
            return new(false, 0, null, ex.Message);
        }
        var kernel = kernels.Create(settings);
        var history = new ChatHistory();
        history.AddUserMessage("Reply with the single word OK.");
        // The bot's own temperature: some models refuse some values, and the test should meet what the bot will meet.
        var execution = new OpenAIPromptExecutionSettings { Temperature = settings.Temperature };
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            var answer = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, execution, kernel, deadline.Token);
            var model = answer.ModelId ?? settings.Model;
            return new(true, clock.ElapsedMilliseconds, model, $"Connected: {model} answered in {clock.ElapsedMilliseconds} ms.");
        }
        catch (Exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new(false, clock.ElapsedMilliseconds, null, LlmFailures.TimedOut(settings).Message);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = LlmFailures.Explain(ex, settings);
            logger.LogInformation("LLM test connection to {BaseUrl} failed ({Reason}): {Message}", settings.BaseUrl, failure.Reason, failure.Message);
            return new(false, clock.ElapsedMilliseconds, null, failure.Message);
        }
    }
}
