using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>An OpenTelemetry collector's OTLP/HTTP trace endpoint (<c>POST /v1/traces</c>) that keeps every export it is sent.</summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _exports = new();
    private WebApplication _app = null!;

    public string TracesEndpoint { get; private set; } = "";

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var collector = new FakeOtlpCollector();
        var (app, root) = await LoopbackHttpServer.StartAsync(app => app.MapPost("/v1/traces", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            collector._exports.Enqueue(body.ToArray());
            // An empty ExportTraceServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        }));
        collector._app = app;
        collector.TracesEndpoint = root + "/v1/traces";
        return collector;
    }

    /// <summary>
    /// Waits until the exports so far (protobuf, where names and tag values are plain UTF-8) hold all of <paramref name="texts"/>;
    /// one trace's spans may come in several exports, as they end.
    /// </summary>
    public async Task<bool> ReceivesAsync(TimeSpan timeout, params string[] texts)
    {
        var needles = texts.Select(t => System.Text.Encoding.UTF8.GetBytes(t)).ToArray();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var received = _exports.SelectMany(export => export).ToArray();
            if (needles.All(needle => received.AsSpan().IndexOf(needle) >= 0))
                return true;
            await Task.Delay(100);
        }
        return false;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
