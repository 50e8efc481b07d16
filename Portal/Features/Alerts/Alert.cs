using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Alerts;

public enum AlertState
{
    Firing,
    Acknowledged,
    Resolved,
}

/// <summary>
/// One breach of a rule, from firing until its condition clears; the rows are the alert history. The rule's name, metric and
/// threshold are copied so the history still reads after the rule is changed or deleted.
/// </summary>
public sealed class Alert
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid RuleId { get; init; }
    public required string RuleName { get; init; }
    public AlertMetric Metric { get; init; }
    public AlertComparison Comparison { get; init; }
    public double Threshold { get; init; }
    public AlertState State { get; set; }
    public double FiredValue { get; init; }
    public double LastValue { get; set; }
    public DateTime FiredAt { get; init; }
    public string? AcknowledgedById { get; set; }
    public string? AcknowledgedByName { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }

    public bool IsOpen => State != AlertState.Resolved;
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.Property(a => a.RuleName).HasMaxLength(AlertRuleInput.MaxNameLength);
        alert.Property(a => a.Metric).HasConversion<string>().HasMaxLength(32);
        alert.Property(a => a.Comparison).HasConversion<string>().HasMaxLength(16);
        alert.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        alert.Property(a => a.AcknowledgedById).HasMaxLength(64);
        alert.Property(a => a.AcknowledgedByName).HasMaxLength(256);
        alert.HasIndex(a => a.FiredAt);
        alert.HasIndex(a => new { a.State, a.RuleId });
    }
}
