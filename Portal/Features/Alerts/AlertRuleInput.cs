namespace Portal.Features.Alerts;

/// <summary>An admin's refused input, with a message per field (shown in the UI and as problem+json).</summary>
public sealed class AlertValidationException(Dictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public Dictionary<string, string[]> Errors { get; } = errors;
}

public sealed class AlertNotFoundException(string message) : Exception(message);

/// <summary>A new or changed alert rule.</summary>
/// <param name="Threshold">In the metric's unit: a count, seconds, or percent (error rate, connection drop); 0 or more.</param>
/// <param name="WindowSeconds">How long the condition must hold before the alert fires (0–3600; 0 = at once); for a connection drop the look-back.</param>
public sealed record AlertRuleInput(
    string? Name, AlertMetric Metric, AlertComparison Comparison, double Threshold, int WindowSeconds, bool Enabled, bool SendWebhook)
{
    public const int MaxNameLength = 100;
    public const int MaxWindowSeconds = 3600;

    /// <exception cref="AlertValidationException">No name, a name too long, a negative threshold or a window outside 0–1 h.</exception>
    public void Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name))
            errors["name"] = ["The name is required."];
        else if (Name.Trim().Length > MaxNameLength)
            errors["name"] = [$"The name may be at most {MaxNameLength} characters."];
        if (!Enum.IsDefined(Metric))
            errors["metric"] = ["Unknown metric."];
        if (!Enum.IsDefined(Comparison))
            errors["comparison"] = ["The comparison is Above or Below."];
        if (double.IsNaN(Threshold) || double.IsInfinity(Threshold) || Threshold < 0)
            errors["threshold"] = ["The threshold must be 0 or more."];
        if (WindowSeconds is < 0 or > MaxWindowSeconds)
            errors["windowSeconds"] = ["The window is 0 to 3600 seconds (1 hour)."];
        if (Metric == AlertMetric.ConnectionDrop && WindowSeconds == 0)
            errors["windowSeconds"] = ["A connection drop needs a window to look back over."];
        if (errors.Count > 0)
            throw new AlertValidationException(errors);
    }
}

/// <summary>An alert rule as the API and the page show it.</summary>
public sealed record AlertRuleDto(
    Guid Id, string Name, AlertMetric Metric, AlertComparison Comparison, double Threshold, int WindowSeconds, bool Enabled, bool SendWebhook)
{
    public static AlertRuleDto Of(AlertRule r) => new(r.Id, r.Name, r.Metric, r.Comparison, r.Threshold, r.WindowSeconds, r.Enabled, r.SendWebhook);

    public AlertRuleInput ToInput() => new(Name, Metric, Comparison, Threshold, WindowSeconds, Enabled, SendWebhook);
}

/// <summary>An alert as the API and the page show it.</summary>
public sealed record AlertDto(
    Guid Id, Guid RuleId, string RuleName, AlertMetric Metric, AlertComparison Comparison, double Threshold, AlertState State,
    double FiredValue, double LastValue, DateTime FiredAt, string? AcknowledgedBy, DateTime? AcknowledgedAt, DateTime? ResolvedAt)
{
    public static AlertDto Of(Alert a) => new(a.Id, a.RuleId, a.RuleName, a.Metric, a.Comparison, a.Threshold, a.State,
        a.FiredValue, a.LastValue, a.FiredAt, a.AcknowledgedByName, a.AcknowledgedAt, a.ResolvedAt);
}
