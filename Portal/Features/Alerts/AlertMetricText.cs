namespace Portal.Features.Alerts;

/// <summary>How the pages and snackbars word a metric and its values.</summary>
public static class AlertMetricText
{
    public static string Label(AlertMetric metric) => metric switch
    {
        AlertMetric.ConversationsWaiting => "Customers waiting",
        AlertMetric.LongestWaitSeconds => "Longest wait",
        AlertMetric.FirstResponseP90Seconds => "First response p90",
        AlertMetric.ErrorRate => "Error rate",
        AlertMetric.ConnectionDrop => "Connection drop",
        AlertMetric.MessagesPerMinute => "Messages per minute",
        _ => metric.ToString(),
    };

    public static string Unit(AlertMetric metric) => metric switch
    {
        AlertMetric.LongestWaitSeconds or AlertMetric.FirstResponseP90Seconds => "s",
        AlertMetric.ErrorRate or AlertMetric.ConnectionDrop => "%",
        _ => "",
    };

    public static string Value(AlertMetric metric, double value) => Unit(metric) is "" ? $"{value:#,0.#}" : $"{value:#,0.#} {Unit(metric)}";

    public static string Condition(AlertMetric metric, AlertComparison comparison, double threshold) =>
        $"{Label(metric)} {(comparison == AlertComparison.Above ? ">" : "<")} {Value(metric, threshold)}";
}
