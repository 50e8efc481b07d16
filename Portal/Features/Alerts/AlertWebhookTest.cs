namespace Portal.Features.Alerts;

/// <summary>Whether a test post reached the webhook, and what went wrong when it did not.</summary>
public sealed record AlertWebhookTestResult(bool Delivered, string Detail);

/// <summary>Posts a signed test alert to the configured webhook at once (not through the job queue), so the admin sees the outcome.</summary>
public sealed class AlertWebhookTest(AlertWebhookStore store, AlertWebhookSender sender, TimeProvider clock)
{
    public async Task<AlertWebhookTestResult> SendAsync(CancellationToken ct = default)
    {
        var webhook = await store.GetAsync(ct);
        if (!webhook.IsConfigured)
            return new AlertWebhookTestResult(false, "Set a webhook URL and secret first.");
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await sender.SendAsync(webhook, new AlertWebhookPayload(Guid.Empty, "Test alert", AlertMetric.ConversationsWaiting, "test", 0, 0, now, null, now), ct);
            return new AlertWebhookTestResult(true, $"Delivered to {webhook.Url}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            return new AlertWebhookTestResult(false, $"Not delivered: {ex.Message}");
        }
    }
}
