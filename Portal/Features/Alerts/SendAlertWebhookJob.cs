using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Alerts;

/// <summary>
/// Posts one alert's firing or resolution to the webhook. A Hangfire job so a slow or dead receiver never holds up the
/// evaluation, and its retries outlive a restart.
/// </summary>
public sealed class SendAlertWebhookJob(IDbContextFactory<PortalDbContext> dbFactory, AlertWebhookStore store, AlertWebhookSender sender,
    TimeProvider clock, ILogger<SendAlertWebhookJob> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid alertId, AlertState state)
    {
        var webhook = await store.GetAsync();
        if (!webhook.IsConfigured)
        {
            logger.LogInformation("The alert webhook was turned off before alert {AlertId} was posted", alertId);
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId);
        if (alert is null)
            return;
        var resolved = state == AlertState.Resolved;
        await sender.SendAsync(webhook, new AlertWebhookPayload(
            alert.Id, alert.RuleName, alert.Metric, resolved ? "resolved" : "firing", resolved ? alert.LastValue : alert.FiredValue,
            alert.Threshold, alert.FiredAt, resolved ? alert.ResolvedAt : null, clock.GetUtcNow().UtcDateTime));
    }
}
