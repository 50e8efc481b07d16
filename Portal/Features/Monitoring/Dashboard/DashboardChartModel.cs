using MudBlazor;
using MudBlazor.Charts;
using Portal.Features.Monitoring.Live;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>One chart of the dashboard: its title, its lines over the range's samples, and the time those span.</summary>
public sealed record DashboardChartModel(string Key, string Title, string Unit, List<ChartSeries<double>> Series, TimeSpan Span)
{
    public static IReadOnlyList<DashboardChartModel> Build(IReadOnlyList<MonitoringSnapshot> samples)
    {
        var span = samples.Count > 1 ? samples[^1].At - samples[0].At : TimeSpan.Zero;
        return
        [
            new("connections", "Connections", "open",
                [Line("Widget", samples, s => s.WidgetConnections), Line("Agent", samples, s => s.AgentConnections)], span),
            new("messages", "Messages per minute", "messages", [Line("Messages", samples, s => s.MessagesPerMinute)], span),
            new("waiting", "Customers waiting", "customers", [Line("Waiting", samples, s => s.ConversationsWaiting)], span),
            new("longest-wait", "Longest wait", "seconds", [Line("Longest wait", samples, s => s.LongestWaitSeconds)], span),
            new("first-response", "First response (last hour)", "seconds",
                [Line("p50", samples, s => s.FirstResponseP50Seconds), Line("p90", samples, s => s.FirstResponseP90Seconds)], span),
            new("error-rate", "Error rate", "% of requests", [Line("Errors", samples, s => s.ErrorRate * 100)], span),
        ];
    }

    public bool HasData => Series.Any(s => s.Data.Count > 0);

    // A figure with no value in a sample (no first response yet) leaves that point out rather than drawing a zero.
    private static ChartSeries<double> Line(string name, IReadOnlyList<MonitoringSnapshot> samples, Func<MonitoringSnapshot, double?> figure) => new()
    {
        Name = name,
        Data = samples.Where(s => figure(s) is not null).Select(s => new TimeValue<double>(s.At, figure(s)!.Value)).ToArray(),
    };
}
