using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Monitoring.Live;
using Portal.Hosting;

namespace Portal.Features.Alerts;

/// <summary>
/// Evaluates the alert rules on every live sample (so a breach is seen within one sample interval): fires an alert when a
/// rule's condition has held for its window, keeps its last value, and resolves it when the condition clears — acknowledged
/// or not. Each firing and resolution is published on <see cref="AlertNotifier"/> and, when the rule asks, posted to the webhook.
/// </summary>
public sealed class AlertEvaluator(
    MonitoringSamples samples,
    LiveMonitor monitor,
    AlertRules rules,
    IDbContextFactory<PortalDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    AlertNotifier notifier,
    AlertWebhookStore webhook,
    IBackgroundJobClient jobs,
    SingleNodeDuty duty,
    IOptions<LiveMonitorOptions> sampling,
    ILogger<AlertEvaluator> logger) : IHostedService, IDisposable
{
    private readonly AlertRuleTracker _tracker = new();
    private IDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await rules.SeedDefaultsAsync(cancellationToken);
        _subscription = samples.Subscribe(EvaluateAsync);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task EvaluateAsync(MonitoringSnapshot sample)
    {
        // With several nodes one evaluates (their samples agree on the shared figures), so each alert fires once.
        if (!await duty.HoldAsync("alert-evaluation", 3 * sampling.Value.SampleInterval))
            return;
        List<AlertRule> ruleList;
        Dictionary<Guid, Alert> open;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            ruleList = await db.AlertRules.AsNoTracking().ToListAsync();
            open = (await db.Alerts.AsNoTracking().Where(a => a.State != AlertState.Resolved).ToListAsync())
                .GroupBy(a => a.RuleId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.FiredAt).First());
        }
        _tracker.KeepOnly(ruleList.Select(r => r.Id));
        var recent = RecentSamples(sample, ruleList);

        var changes = new List<(AlertChange Change, Alert Alert, AlertRule? Rule)>();
        foreach (var rule in ruleList)
        {
            var value = AlertMeasure.ValueOf(rule, recent) is { } v ? Math.Round(v, 1) : (double?)null;
            // An alert of a rule whose metric was changed since is about another figure: it resolves below and this rule starts anew.
            var alert = open.GetValueOrDefault(rule.Id) is { } current && current.Metric == rule.Metric ? current : null;
            switch (_tracker.Decide(rule, AlertMeasure.Breaches(rule, value), sample.At, alert is not null))
            {
                case AlertDecision.Fire:
                    changes.Add((AlertChange.Fired, Fire(rule, value!.Value, sample.At), rule));
                    break;
                case AlertDecision.UpdateValue when alert!.LastValue != value:
                    alert.LastValue = value!.Value;
                    changes.Add((AlertChange.ValueChanged, alert, rule));
                    break;
                case AlertDecision.Resolve:
                    Resolve(alert!, value, sample.At);
                    changes.Add((AlertChange.Resolved, alert!, rule));
                    break;
            }
        }
        // A deleted rule's open alert has nothing left to watch.
        foreach (var orphan in open.Values.Where(a => !ruleList.Any(r => r.Id == a.RuleId && r.Metric == a.Metric)))
        {
            Resolve(orphan, null, sample.At);
            changes.Add((AlertChange.Resolved, orphan, null));
        }
        if (changes.Count == 0)
            return;

        await SaveAsync(changes.Select(c => c.Alert).ToList());
        await AnnounceAsync(changes);
    }

    /// <summary>The samples the connection-drop rules look back over, ending with <paramref name="sample"/>.</summary>
    private List<MonitoringSnapshot> RecentSamples(MonitoringSnapshot sample, List<AlertRule> ruleList)
    {
        var lookBack = ruleList.Where(r => r.Metric == AlertMetric.ConnectionDrop).Select(r => r.Window).DefaultIfEmpty(TimeSpan.Zero).Max();
        return [.. monitor.Since(sample.At - lookBack).Where(s => s.At < sample.At), sample];
    }

    private static Alert Fire(AlertRule rule, double value, DateTime at) => new()
    {
        RuleId = rule.Id,
        RuleName = rule.Name,
        Metric = rule.Metric,
        Comparison = rule.Comparison,
        Threshold = rule.Threshold,
        State = AlertState.Firing,
        FiredValue = value,
        LastValue = value,
        FiredAt = at,
    };

    private static void Resolve(Alert alert, double? value, DateTime at)
    {
        alert.State = AlertState.Resolved;
        alert.ResolvedAt = at;
        alert.LastValue = value ?? alert.LastValue;
    }

    /// <summary>
    /// Stores new alerts and the value and resolution of open ones. Only those columns are written, so an acknowledgement
    /// saved since the alerts were read stays.
    /// </summary>
    private async Task SaveAsync(List<Alert> changed)
    {
        using (await writeGate.EnterAsync())
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var ids = changed.Select(a => a.Id).ToList();
            var stored = await db.Alerts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
            foreach (var alert in changed)
            {
                if (stored.TryGetValue(alert.Id, out var row))
                {
                    row.LastValue = alert.LastValue;
                    if (alert.State == AlertState.Resolved)
                        (row.State, row.ResolvedAt) = (AlertState.Resolved, alert.ResolvedAt);
                    (alert.AcknowledgedById, alert.AcknowledgedByName, alert.AcknowledgedAt) = (row.AcknowledgedById, row.AcknowledgedByName, row.AcknowledgedAt);
                    if (alert.State != AlertState.Resolved)
                        alert.State = row.State;
                }
                else
                    db.Alerts.Add(alert);
            }
            await db.SaveChangesAsync();
        }
    }

    private async Task AnnounceAsync(List<(AlertChange Change, Alert Alert, AlertRule? Rule)> changes)
    {
        var posting = changes.Any(c => c.Change is AlertChange.Fired or AlertChange.Resolved && c.Rule?.SendWebhook == true)
            && (await webhook.GetAsync()).IsConfigured;
        foreach (var (change, alert, rule) in changes)
        {
            if (change == AlertChange.Fired)
                logger.LogWarning("Alert {Rule} fired: {Value} (threshold {Threshold})", alert.RuleName, alert.FiredValue, alert.Threshold);
            else if (change == AlertChange.Resolved)
                logger.LogInformation("Alert {Rule} resolved at {Value}", alert.RuleName, alert.LastValue);
            if (posting && rule?.SendWebhook == true && change is AlertChange.Fired or AlertChange.Resolved)
                jobs.Enqueue<SendAlertWebhookJob>(job => job.RunAsync(alert.Id, alert.State));
            await notifier.PublishAsync(new AlertChanged(change, AlertDto.Of(alert)));
        }
    }
}
