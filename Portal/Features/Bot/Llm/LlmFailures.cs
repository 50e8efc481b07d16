using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Portal.Features.Bot.Llm;

/// <summary>Turns what the connector, the HTTP stack or the resilience pipeline threw into a failure an admin can act on.</summary>
internal static class LlmFailures
{
    public static LlmReplyException Explain(Exception exception, LlmSettings settings)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case LlmReplyException known:
                    return known;
                case BrokenCircuitException:
                    return new(LlmFailure.CircuitOpen,
                        $"The LLM failed several times in a row, so Portal pauses calls to it for {LlmKernelFactory.BreakDuration.TotalSeconds:0} seconds (circuit open).", exception);
                case TimeoutRejectedException:
                    return TimedOut(settings, exception);
                case HttpOperationException { StatusCode: { } status } http:
                    return ForStatus(status, http.ResponseContent, settings, exception);
                case ClientResultException { Status: > 0 } client:
                    return ForStatus((HttpStatusCode)client.Status, null, settings, exception);
                case SocketException socket:
                    return Unreachable(socket.SocketErrorCode, settings, exception);
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return new(LlmFailure.HttpError, $"The host of {settings.BaseUrl} cannot be found; check the base URL.", exception);
                case JsonException or FormatException or KeyNotFoundException:
                    return NotAChatCompletion(exception);
            }
        }
        return exception is HttpRequestException or IOException
            ? new(LlmFailure.HttpError, $"The connection to {settings.BaseUrl} failed: {exception.Message}", exception)
            : NotAChatCompletion(exception);
    }

    public static LlmReplyException TimedOut(LlmSettings settings, Exception? exception = null) =>
        new(LlmFailure.Timeout, $"The LLM did not answer within {settings.TimeoutSeconds} seconds.", exception);

    private static LlmReplyException NotAChatCompletion(Exception? exception = null) =>
        new(LlmFailure.InvalidResponse, "The server's answer is not an OpenAI-compatible chat completion; check the base URL (it usually ends in /v1).", exception);

    private static LlmReplyException ForStatus(HttpStatusCode status, string? body, LlmSettings settings, Exception exception)
    {
        var code = (int)status;
        var message = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"The server refused the API key ({code}); check the key and that it may use the model.",
            HttpStatusCode.NotFound =>
                $"Not found (404): check the base URL and the {(settings.Provider == LlmProvider.AzureOpenAI ? "deployment" : "model")} name \"{settings.Model}\".",
            HttpStatusCode.TooManyRequests => "The LLM's rate limit or quota is exhausted (429).",
            HttpStatusCode.BadRequest => $"The server rejected the request (400){Detail(body)}",
            _ when code >= 500 => $"The LLM server failed ({code}).",
            _ => $"The server answered with HTTP {code}{Detail(body)}",
        };
        return new(LlmFailure.HttpError, message, exception);
    }

    private static LlmReplyException Unreachable(SocketError error, LlmSettings settings, Exception exception)
    {
        var where = Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out var url) ? url.Authority : settings.BaseUrl;
        var message = error switch
        {
            SocketError.ConnectionRefused => $"Connection refused by {where}: is the LLM server running on that address?",
            SocketError.HostNotFound or SocketError.NoData => $"The host {where} cannot be found; check the base URL.",
            SocketError.TimedOut => $"{where} does not answer (connection timed out).",
            _ => $"Cannot connect to {where} ({error}).",
        };
        return new(LlmFailure.HttpError, message, exception);
    }

    // A provider's error body usually says what is wrong (an unknown parameter, a model that does not exist); a short piece of it helps.
    private static string Detail(string? body) =>
        string.IsNullOrWhiteSpace(body) ? "." : $": {(body.Length > 300 ? body[..300] + "…" : body)}";
}
