using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>One of the dashboard's time charts, its time labels spaced to suit the time its samples span.</summary>
public sealed partial class DashboardChart
{
    private static readonly TimeSpan[] LabelSteps =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
    ];

    [Parameter, EditorRequired] public DashboardChartModel Chart { get; set; } = default!;

    private TimeSeriesChartOptions Options
    {
        get
        {
            // About five labels whatever the span: a just-started app has seconds of samples, a day-old one 24 hours.
            var step = LabelSteps.FirstOrDefault(s => Chart.Span / s <= 5, LabelSteps[^1]);
            return new()
            {
                TimeLabelFormat = step < TimeSpan.FromMinutes(1) ? "HH:mm:ss" : "HH:mm",
                TooltipTimeLabelFormat = "HH:mm:ss",
                TimeLabelSpacing = step,
                YAxisRequireZeroPoint = true,
                // Counts are small whole numbers most of the time; a tick every unit, thinned to five, keeps them readable.
                YAxisTicks = 1,
                MaxNumYAxisTicks = 5,
                LineStrokeWidth = 2,
                ShowDataMarkers = false,
                ShowLegend = Chart.Series.Count > 1,
            };
        }
    }
}
