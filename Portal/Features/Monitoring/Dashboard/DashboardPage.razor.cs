using Microsoft.AspNetCore.Components;
using Portal.Features.Monitoring.Live;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>
/// <c>/admin/dashboard</c>: the live figures as tiles and charts over 15 minutes, an hour or a day, redrawn on every
/// sample the <see cref="LiveMonitor"/> takes.
/// </summary>
public sealed partial class DashboardPage : IDisposable
{
    private DashboardRange _range = DashboardRange.FifteenMinutes;
    private LiveView _view = new(null, [], null);
    private IReadOnlyList<DashboardChartModel> _charts = [];
    private IDisposable? _subscription;

    [Inject] private LiveDashboard Dashboard { get; set; } = default!;
    [Inject] private MonitoringSamples Samples { get; set; } = default!;

    private MonitoringSnapshot? Baseline => _view.Samples.Count > 1 ? _view.Samples[0] : null;

    private string TrendOver => _view.HistorySince is { } since ? $"since {since:HH:mm}" : $"in {_range.Label}";

    private string Updated => _view.Latest is { } latest
        ? $"{(_subscription is null ? "" : "Live · ")}updated {latest.At:HH:mm:ss} UTC"
        : "Waiting for the first sample";

    protected override void OnInitialized() => Read();

    protected override void OnAfterRender(bool firstRender)
    {
        // After the first render, so prerendering leaves no subscription behind.
        if (!firstRender)
            return;
        _subscription = Samples.Subscribe(_ => InvokeAsync(() =>
        {
            Read();
            StateHasChanged();
        }));
        // Shows "Live" now, and catches a sample taken between the first read and the subscription.
        Read();
        StateHasChanged();
    }

    public void Dispose() => _subscription?.Dispose();

    private void ShowRange(string key)
    {
        _range = DashboardRange.Find(key) ?? _range;
        Read();
    }

    private void Read()
    {
        _view = Dashboard.Read(_range);
        _charts = DashboardChartModel.Build(_view.Samples);
    }
}
