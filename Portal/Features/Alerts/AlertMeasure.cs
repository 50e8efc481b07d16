using Portal.Features.Monitoring.Live;

namespace Portal.Features.Alerts;

/// <summary>Reads a rule's metric off the live samples, in the unit its threshold is given in.</summary>
public static class AlertMeasure
{
    /// <summary>
    /// The rule's value at the latest of <paramref name="samples"/> (oldest first, covering at least the rule's window), or null
    /// when the figure has no value (no first responses in the last hour): a missing value never breaches.
    /// </summary>
    public static double? ValueOf(AlertRule rule, IReadOnlyList<MonitoringSnapshot> samples)
    {
        var latest = samples[^1];
        return rule.Metric switch
        {
            AlertMetric.ConversationsWaiting => latest.ConversationsWaiting,
            AlertMetric.LongestWaitSeconds => latest.LongestWaitSeconds,
            AlertMetric.FirstResponseP90Seconds => latest.FirstResponseP90Seconds,
            AlertMetric.ErrorRate => latest.ErrorRate * 100,
            AlertMetric.ConnectionDrop => ConnectionDropPercent(samples.Where(s => s.At >= latest.At - rule.Window).ToList()),
            AlertMetric.MessagesPerMinute => latest.MessagesPerMinute,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Metric, "Unknown alert metric."),
        };
    }

    public static bool Breaches(AlertRule rule, double? value) => value is { } v && rule.Comparison switch
    {
        AlertComparison.Above => v > rule.Threshold,
        AlertComparison.Below => v < rule.Threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Comparison, "Unknown comparison."),
    };

    /// <summary>
    /// Below this many connections at the peak a drop says nothing: two shoppers closing their tabs are a 100 % drop
    /// (the default rule fired on exactly that), while a dropped proxy or node takes dozens at once.
    /// </summary>
    public const int MinimumPeakConnections = 20;

    /// <summary>
    /// How far the latest connection count (widgets and agents) lies below the highest in the samples, in percent; 0 when
    /// the peak held fewer than <see cref="MinimumPeakConnections"/>.
    /// </summary>
    public static double ConnectionDropPercent(IReadOnlyList<MonitoringSnapshot> samples)
    {
        var peak = samples.Max(Connections);
        return peak < MinimumPeakConnections ? 0 : Math.Round(100.0 * (peak - Connections(samples[^1])) / peak, 1);
    }

    private static int Connections(MonitoringSnapshot sample) => sample.WidgetConnections + sample.AgentConnections;
}
