namespace Portal.Features.Bot.Llm;

/// <summary>Why the LLM gave no usable answer; the bot then answers with the embedded model.</summary>
public enum LlmFailure
{
    /// <summary>No answer within the reply deadline (or the per-request timeout).</summary>
    Timeout,

    /// <summary>The server could not be reached or answered with an HTTP error (401, 404, 429, 5xx…).</summary>
    HttpError,

    /// <summary>The LLM failed repeatedly and Portal does not call it until the circuit breaker's break is over.</summary>
    CircuitOpen,

    /// <summary>Not a chat completion, a malformed or unknown tool call, or an empty answer.</summary>
    InvalidResponse,
}

/// <summary>The LLM gave no usable answer; <see cref="Reason"/> is the label for <c>portal_bot_fallback_total{reason}</c>.</summary>
public sealed class LlmReplyException(LlmFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public LlmFailure Failure { get; } = failure;

    /// <summary>timeout, http_error, circuit_open or invalid_response.</summary>
    public string Reason => ReasonOf(Failure);

    public static string ReasonOf(LlmFailure failure) => failure switch
    {
        LlmFailure.Timeout => "timeout",
        LlmFailure.HttpError => "http_error",
        LlmFailure.CircuitOpen => "circuit_open",
        _ => "invalid_response",
    };
}
