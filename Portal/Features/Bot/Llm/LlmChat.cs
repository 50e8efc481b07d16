using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Portal.Features.Bot.Llm;

/// <summary>One answer of the LLM with automatic function calling, or an <see cref="LlmReplyException"/> saying why there is none.</summary>
public static class LlmChat
{
    /// <summary>A history that starts with the persona, followed by at most <see cref="LlmSettings.MaxHistoryMessages"/> of the latest <paramref name="messages"/>.</summary>
    public static ChatHistory StartHistory(LlmSettings settings, IEnumerable<ChatMessageContent> messages)
    {
        var history = new ChatHistory(settings.Persona);
        var list = messages.ToList();
        history.AddRange(list.Skip(Math.Max(0, list.Count - settings.MaxHistoryMessages)));
        return history;
    }

    /// <summary>
    /// Asks the LLM for the next assistant message. Semantic Kernel runs the tool calls it makes against
    /// <paramref name="kernel"/>'s plugins and sends the results back until it answers in text; those tool messages are
    /// appended to <paramref name="history"/>, the final answer is not (the caller stores it as it sees fit).
    /// The whole exchange has <see cref="LlmSettings.Timeout"/> as its deadline.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call for the caller's own reasons (shutdown); it then ends in <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="LlmReplyException">Past the deadline, an HTTP error, the circuit open, or an answer that is not usable.</exception>
    public static async Task<string> CompleteAsync(Kernel kernel, ChatHistory history, LlmSettings settings, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        var execution = new OpenAIPromptExecutionSettings
        {
            Temperature = settings.Temperature,
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
        };
        var firstNew = history.Count;
        ChatMessageContent answer;
        try
        {
            answer = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, execution, kernel, deadline.Token);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            throw LlmFailures.TimedOut(settings);
        }
        catch (Exception ex)
        {
            throw LlmFailures.Explain(ex, settings);
        }
        CheckToolCalls(kernel, history.Skip(firstNew));
        return UsableText(answer);
    }

    // Semantic Kernel answers a malformed or unknown tool call by telling the model and asking again; a model that makes
    // them is not to be trusted with a shopper, so its answer is not used.
    private static void CheckToolCalls(Kernel kernel, IEnumerable<ChatMessageContent> toolMessages)
    {
        foreach (var call in toolMessages.SelectMany(m => m.Items).OfType<FunctionCallContent>())
        {
            if (call.Exception is not null)
                throw new LlmReplyException(LlmFailure.InvalidResponse, $"The LLM called {call.FunctionName} with arguments that are not valid JSON.", call.Exception);
            if (!kernel.Plugins.TryGetFunction(call.PluginName, call.FunctionName, out _))
                throw new LlmReplyException(LlmFailure.InvalidResponse, $"The LLM called a function that does not exist: {call.PluginName}-{call.FunctionName}.");
        }
    }

    private static string UsableText(ChatMessageContent answer)
    {
        var text = answer.Content?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new LlmReplyException(LlmFailure.InvalidResponse, "The LLM's answer is empty.");
        if (LooksLikeToolCallText(text))
            throw new LlmReplyException(LlmFailure.InvalidResponse, "The LLM wrote a tool call as text instead of calling the tool.");
        return text;
    }

    // Small local models often print the call (`{"name": "Orders-Status", "arguments": {...}}`) instead of making it;
    // shown to a shopper, that is gibberish.
    private static bool LooksLikeToolCallText(string text)
    {
        if (!text.StartsWith('{') && !text.StartsWith('['))
            return false;
        try
        {
            using var json = JsonDocument.Parse(text);
            var first = json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.GetArrayLength() > 0 ? json.RootElement[0] : json.RootElement;
            return first.ValueKind == JsonValueKind.Object &&
                   (first.TryGetProperty("name", out _) || first.TryGetProperty("function", out _) || first.TryGetProperty("tool_calls", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
