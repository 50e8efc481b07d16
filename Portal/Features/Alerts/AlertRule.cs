using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Alerts;

/// <summary>The live figure an alert rule watches (from <see cref="Monitoring.Live.MonitoringSnapshot"/>).</summary>
public enum AlertMetric
{
    /// <summary>Customers waiting for an agent now.</summary>
    ConversationsWaiting,

    /// <summary>How long the longest-waiting customer has waited, in seconds.</summary>
    LongestWaitSeconds,

    /// <summary>The 90th percentile of first-response times over the last hour, in seconds (no value without first responses).</summary>
    FirstResponseP90Seconds,

    /// <summary>The share of HTTP requests answered with a 5xx over the last minute, in percent.</summary>
    ErrorRate,

    /// <summary>How far widget and agent connections fell below their peak within the rule's window, in percent.</summary>
    ConnectionDrop,

    /// <summary>Messages stored over the last minute.</summary>
    MessagesPerMinute,
}

public enum AlertComparison
{
    Above,
    Below,
}

/// <summary>
/// A condition on a live figure that raises an alert: the metric compared with the threshold must hold for
/// <see cref="WindowSeconds"/> (0 fires on the first sample). For <see cref="AlertMetric.ConnectionDrop"/> the window is the
/// look-back over which the peak is taken, and the rule fires at once.
/// </summary>
public sealed class AlertRule
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; set; }
    public AlertMetric Metric { get; set; }
    public AlertComparison Comparison { get; set; }
    public double Threshold { get; set; }
    public int WindowSeconds { get; set; }
    public bool Enabled { get; set; } = true;
    public bool SendWebhook { get; set; } = true;
    public DateTime CreatedAt { get; init; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> rule)
    {
        rule.Property(r => r.Name).HasMaxLength(AlertRuleInput.MaxNameLength);
        rule.Property(r => r.Metric).HasConversion<string>().HasMaxLength(32);
        rule.Property(r => r.Comparison).HasConversion<string>().HasMaxLength(16);
    }
}
