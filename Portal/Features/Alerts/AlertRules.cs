using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Settings;

namespace Portal.Features.Alerts;

/// <summary>The alert rules: listed for everyone who sees alerts, changed by admins (validated and audit-logged).</summary>
public sealed class AlertRules(
    IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit, SettingsStore settings, TimeProvider clock)
{
    private const string SeededKey = "alerts.defaults";

    /// <summary>The rules a new installation starts with (issue #5); admins edit or disable them.</summary>
    public static readonly IReadOnlyList<AlertRuleInput> Defaults =
    [
        new("Customers waiting", AlertMetric.ConversationsWaiting, AlertComparison.Above, 10, 0, true, true),
        new("Slow first response", AlertMetric.FirstResponseP90Seconds, AlertComparison.Above, 120, 0, true, true),
        new("Long wait", AlertMetric.LongestWaitSeconds, AlertComparison.Above, 300, 0, true, true),
        new("Server errors", AlertMetric.ErrorRate, AlertComparison.Above, 5, 60, true, true),
        new("Connections dropped", AlertMetric.ConnectionDrop, AlertComparison.Above, 50, 120, true, true),
    ];

    public async Task<IReadOnlyList<AlertRuleDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Name).ToListAsync(ct);
        return rules.Select(AlertRuleDto.Of).ToList();
    }

    /// <exception cref="AlertValidationException">See <see cref="AlertRuleInput.Validate"/>.</exception>
    public async Task<AlertRuleDto> CreateAsync(AlertRuleInput input, AuditActor actor, CancellationToken ct = default)
    {
        input.Validate();
        var rule = new AlertRule { Name = input.Name!.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(rule, input);
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.AlertRules.Add(rule);
            await audit.AppendAsync(db, actor, "alerts.rule.created", $"alert-rule:{rule.Id}", null, AlertRuleDto.Of(rule), ct);
            await db.SaveChangesAsync(ct);
        }
        return AlertRuleDto.Of(rule);
    }

    /// <exception cref="AlertValidationException">See <see cref="AlertRuleInput.Validate"/>.</exception>
    /// <exception cref="AlertNotFoundException">No rule has this id.</exception>
    public async Task<AlertRuleDto> UpdateAsync(Guid id, AlertRuleInput input, AuditActor actor, CancellationToken ct = default)
    {
        input.Validate();
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rule = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);
            var before = AlertRuleDto.Of(rule);
            Apply(rule, input);
            await audit.AppendAsync(db, actor, "alerts.rule.changed", $"alert-rule:{id}", before, AlertRuleDto.Of(rule), ct);
            await db.SaveChangesAsync(ct);
            return AlertRuleDto.Of(rule);
        }
    }

    /// <summary>Deletes a rule; its open alert resolves on the next sample and its history stays.</summary>
    /// <exception cref="AlertNotFoundException">No rule has this id.</exception>
    public async Task<AlertRuleDto> DeleteAsync(Guid id, AuditActor actor, CancellationToken ct = default)
    {
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rule = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);
            db.AlertRules.Remove(rule);
            await audit.AppendAsync(db, actor, "alerts.rule.deleted", $"alert-rule:{id}", AlertRuleDto.Of(rule), null, ct);
            await db.SaveChangesAsync(ct);
            return AlertRuleDto.Of(rule);
        }
    }

    /// <summary>Adds the default rules once per installation, so rules an admin deleted stay deleted.</summary>
    public async Task SeedDefaultsAsync(CancellationToken ct = default)
    {
        if ((await settings.GetAsync<SeededDefaults>(SeededKey, ct)).Seeded)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            for (var i = 0; i < Defaults.Count; i++)
            {
                // Distinct creation times keep the defaults in their listed order.
                var rule = new AlertRule { Name = Defaults[i].Name!, CreatedAt = now.AddMilliseconds(i) };
                Apply(rule, Defaults[i]);
                db.AlertRules.Add(rule);
            }
            await db.SaveChangesAsync(ct);
        }
        await settings.SaveAsync(SeededKey, new SeededDefaults { Seeded = true }, ct);
    }

    private static void Apply(AlertRule rule, AlertRuleInput input)
    {
        rule.Name = input.Name!.Trim();
        rule.Metric = input.Metric;
        rule.Comparison = input.Comparison;
        rule.Threshold = input.Threshold;
        rule.WindowSeconds = input.WindowSeconds;
        rule.Enabled = input.Enabled;
        rule.SendWebhook = input.SendWebhook;
    }

    private static AlertNotFoundException NotFound(Guid id) => new($"There is no alert rule {id}.");

    private sealed class SeededDefaults
    {
        public bool Seeded { get; init; }
    }
}
