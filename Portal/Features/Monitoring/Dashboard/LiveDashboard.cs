using Microsoft.Extensions.Options;
using Portal.Features.Monitoring.Live;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>
/// What the live dashboard shows for a range: the latest sample, the range's samples thinned to a chart's worth, and
/// when the samples begin if the app has not been sampling for the whole range (it keeps them in memory only).
/// </summary>
public sealed record LiveView(MonitoringSnapshot? Latest, IReadOnlyList<MonitoringSnapshot> Samples, DateTime? HistorySince);

/// <summary>Reads the live samples for the dashboard page and <c>GET /api/v1/monitoring/live</c> alike.</summary>
public sealed class LiveDashboard(LiveMonitor monitor, IOptions<LiveMonitorOptions> options, TimeProvider clock)
{
    /// <summary>The most points a chart draws; more samples are thinned by <see cref="SampleDownsampling"/>.</summary>
    public const int MaxPoints = 300;

    public LiveView Read(DashboardRange range)
    {
        var from = clock.GetUtcNow().UtcDateTime - range.Length;
        var samples = monitor.Since(from);
        // A sample or two missing at the start is the sampling rhythm, not a young app.
        var started = samples.Count > 0 && samples[0].At - from > 2 * options.Value.SampleInterval ? samples[0].At : (DateTime?)null;
        return new LiveView(monitor.Latest, SampleDownsampling.Downsample(samples, MaxPoints), started);
    }
}
