using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Portal.Features.Alerts;

/// <summary>What an alert webhook posts. <c>state</c> is firing, resolved or test.</summary>
public sealed record AlertWebhookPayload(
    Guid AlertId, string Rule, AlertMetric Metric, string State, double Value, double Threshold, DateTime FiredAt, DateTime? ResolvedAt, DateTime SentAt);

/// <summary>
/// Posts an alert to the webhook, signed: <c>X-Portal-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body with the secret&gt;</c>
/// and <c>X-Portal-Timestamp</c> (Unix seconds, also inside the signed body as <c>sentAt</c>, so receivers can refuse replays).
/// </summary>
public sealed class AlertWebhookSender(IHttpClientFactory httpClients, TimeProvider clock)
{
    public const string HttpClientName = "alerts-webhook";
    public const string SignatureHeader = "X-Portal-Signature";
    public const string TimestampHeader = "X-Portal-Timestamp";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    /// <summary>Posts <paramref name="payload"/>, retrying briefly; throws when the receiver does not accept it.</summary>
    /// <exception cref="HttpRequestException">The receiver answered with an error or could not be reached.</exception>
    public async Task SendAsync(AlertWebhookSettings webhook, AlertWebhookPayload payload, CancellationToken ct = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Signature(body, webhook.Secret!));
        request.Headers.Add(TimestampHeader, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    public static string Signature(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    internal static void AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("alerts-webhook", pipeline => pipeline
                // A receiver that blips is retried at once a few times; a longer outage is left to the job's own retries.
                .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3, Delay = TimeSpan.FromMilliseconds(500), BackoffType = DelayBackoffType.Exponential, UseJitter = true })
                .AddTimeout(TimeSpan.FromSeconds(5)));
}
