namespace Portal.Features.Alerts;

/// <summary>What the evaluator does about one rule after a sample.</summary>
public enum AlertDecision
{
    Nothing,
    Fire,
    UpdateValue,
    Resolve,
}

/// <summary>
/// Remembers, per rule, since when its condition has held, and decides on each sample whether the rule's alert fires, keeps
/// firing with a new value, or resolves. One open alert per rule: a rule with an open alert never fires a second one.
/// </summary>
public sealed class AlertRuleTracker
{
    private readonly Dictionary<Guid, DateTime> _holdingSince = [];

    public AlertDecision Decide(AlertRule rule, bool breached, DateTime now, bool hasOpenAlert)
    {
        if (!breached || !rule.Enabled)
        {
            _holdingSince.Remove(rule.Id);
            return hasOpenAlert ? AlertDecision.Resolve : AlertDecision.Nothing;
        }
        if (hasOpenAlert)
            return AlertDecision.UpdateValue;
        var since = _holdingSince.TryGetValue(rule.Id, out var started) ? started : _holdingSince[rule.Id] = now;
        // The connection-drop window is its look-back, already in the value: the drop fires at once.
        var hold = rule.Metric == AlertMetric.ConnectionDrop ? TimeSpan.Zero : rule.Window;
        return now - since >= hold ? AlertDecision.Fire : AlertDecision.Nothing;
    }

    /// <summary>Forgets rules that no longer exist.</summary>
    public void KeepOnly(IEnumerable<Guid> ruleIds)
    {
        var keep = ruleIds.ToHashSet();
        foreach (var id in _holdingSince.Keys.Where(id => !keep.Contains(id)).ToList())
            _holdingSince.Remove(id);
    }
}
