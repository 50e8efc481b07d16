using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Portal.Tests.Infrastructure;

/// <summary>One scripted answer of <see cref="FakeOpenAiServer"/>: an HTTP status and body, sent after a delay.</summary>
public sealed record FakeOpenAiReply(int Status, string Body, TimeSpan Delay)
{
    /// <summary>An assistant message in text.</summary>
    public static FakeOpenAiReply Text(string content) =>
        Completion(new JsonObject { ["role"] = "assistant", ["content"] = content }, "stop");

    /// <summary>Tool calls, named as Semantic Kernel names functions (<c>Plugin-Function</c>), with their JSON arguments as sent (valid or not).</summary>
    public static FakeOpenAiReply ToolCalls(params (string Function, string Arguments)[] calls) =>
        Completion(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(calls.Select((call, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"call_{i + 1}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Function, ["arguments"] = call.Arguments },
            }).ToArray()),
        }, "tool_calls");

    /// <summary>An HTTP error with an OpenAI-style error body (500, 429, 401…).</summary>
    public static FakeOpenAiReply Error(HttpStatusCode status) =>
        new((int)status, new JsonObject { ["error"] = new JsonObject { ["message"] = $"Scripted {(int)status}.", ["type"] = "scripted_error" } }.ToJsonString(), TimeSpan.Zero);

    /// <summary>200 with a body that is not a chat completion.</summary>
    public static FakeOpenAiReply Garbage(string body = "<html><body>Welcome to nginx!</body></html>") => new(200, body, TimeSpan.Zero);

    /// <summary>The same answer, sent only after <paramref name="delay"/> (slow mode).</summary>
    public FakeOpenAiReply After(TimeSpan delay) => this with { Delay = delay };

    private static FakeOpenAiReply Completion(JsonObject message, string finishReason) =>
        new(200, new JsonObject
        {
            ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = FakeOpenAiServer.ModelName,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        }.ToJsonString(), TimeSpan.Zero);
}

/// <summary>A chat completion request the server received, for assertions.</summary>
/// <param name="Authorization">The Authorization header (OpenAI's <c>Bearer key</c>).</param>
/// <param name="ApiKeyHeader">The api-key header (Azure OpenAI's way of sending the key).</param>
public sealed record FakeOpenAiRequest(string Path, string? Authorization, string? ApiKeyHeader, JsonElement Body)
{
    public string? Model => Body.TryGetProperty("model", out var model) ? model.GetString() : null;

    public double? Temperature => Body.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;

    public JsonElement[] Messages => Body.TryGetProperty("messages", out var m) ? m.EnumerateArray().ToArray() : [];

    /// <summary>The names of the tools offered to the model.</summary>
    public string[] ToolNames => Body.TryGetProperty("tools", out var tools)
        ? tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!).ToArray()
        : [];
}

/// <summary>
/// An OpenAI-compatible server on a free loopback port (<c>POST /v1/chat/completions</c>, <c>GET /v1/models</c>, and Azure
/// OpenAI's <c>POST /openai/deployments/{deployment}/chat/completions</c>) that answers with the replies a test enqueued,
/// in order, and then with "OK"; it records every request. Dispose stops it.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string ModelName = "fake-gpt";

    private readonly ConcurrentQueue<FakeOpenAiReply> _script = new();
    private readonly ConcurrentQueue<FakeOpenAiRequest> _requests = new();
    private WebApplication _app = null!;

    private FakeOpenAiServer()
    {
    }

    /// <summary>The base URL as an admin enters it, e.g. http://127.0.0.1:41234/v1.</summary>
    public string BaseUrl => Root + "/v1";

    /// <summary>The server's root, e.g. http://127.0.0.1:41234: what an admin enters as an Azure OpenAI resource endpoint.</summary>
    public string Root { get; private set; } = "";

    /// <summary>When set, a request without <c>Authorization: Bearer {key}</c> or <c>api-key: {key}</c> gets 401, as OpenAI answers a wrong key.</summary>
    public string? RequiredApiKey { get; set; }

    public IReadOnlyList<FakeOpenAiRequest> Requests => _requests.ToArray();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        var (app, root) = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", server.CompleteAsync);
            app.MapPost("/openai/deployments/{deployment}/chat/completions", server.CompleteAsync);
            app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = ModelName, @object = "model", created = 0, owned_by = "portal-tests" } } }));
        });
        server._app = app;
        server.Root = root;
        return server;
    }

    public void Enqueue(params FakeOpenAiReply[] replies)
    {
        foreach (var reply in replies)
            _script.Enqueue(reply);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task CompleteAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var authorization = http.Request.Headers.Authorization.ToString();
        var apiKey = http.Request.Headers["api-key"].ToString();
        _requests.Enqueue(new FakeOpenAiRequest(http.Request.Path, NullIfEmpty(authorization), NullIfEmpty(apiKey), body.RootElement.Clone()));
        var reply = RequiredApiKey is not null && authorization != $"Bearer {RequiredApiKey}" && apiKey != RequiredApiKey
            ? FakeOpenAiReply.Error(HttpStatusCode.Unauthorized)
            : body.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True
                // Semantic Kernel's non-streaming calls must not stream; a test that makes it stream fails loudly here.
                ? FakeOpenAiReply.Error(HttpStatusCode.BadRequest)
                : _script.TryDequeue(out var next) ? next : FakeOpenAiReply.Text("OK");
        try
        {
            await Task.Delay(reply.Delay, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        http.Response.StatusCode = reply.Status;
        http.Response.ContentType = reply.Body.StartsWith('{') ? "application/json" : "text/html";
        await http.Response.WriteAsync(reply.Body);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
