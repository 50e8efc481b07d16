using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Alerts;

/// <summary>A post the receiver got: the raw body and the signature headers.</summary>
public sealed record ReceivedWebhook(byte[] Body, string? Signature, string? Timestamp);

/// <summary>
/// A webhook receiver on a free loopback port that records every post to <c>/hooks/portal</c> and answers 204, or 503 while
/// <see cref="FailuresToCome"/> is above 0 (a receiver that is briefly down).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication _app = null!;
    private int _failuresToCome;

    private WebhookReceiver()
    {
    }

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public int FailuresToCome
    {
        get => Volatile.Read(ref _failuresToCome);
        set => Volatile.Write(ref _failuresToCome, value);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var (app, root) = await LoopbackHttpServer.StartAsync(app => app.MapPost("/hooks/portal", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver._received.Enqueue(new ReceivedWebhook(body.ToArray(),
                http.Request.Headers["X-Portal-Signature"].FirstOrDefault(), http.Request.Headers["X-Portal-Timestamp"].FirstOrDefault()));
            return Interlocked.Decrement(ref receiver._failuresToCome) >= 0 ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.NoContent();
        }));
        receiver._app = app;
        receiver.Url = root + "/hooks/portal";
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
