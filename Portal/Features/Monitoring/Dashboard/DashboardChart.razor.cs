using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>One of the dashboard's time charts, labelled to suit the shown range.</summary>
public sealed partial class DashboardChart
{
    [Parameter, EditorRequired] public DashboardChartModel Chart { get; set; } = default!;
    [Parameter, EditorRequired] public DashboardRange Range { get; set; } = default!;

    private TimeSeriesChartOptions Options => new()
    {
        TimeLabelFormat = "HH:mm",
        TooltipTimeLabelFormat = "HH:mm:ss",
        TimeLabelSpacing = Range.LabelSpacing,
        YAxisRequireZeroPoint = true,
        // Counts are small whole numbers most of the time; a tick every unit, thinned to five, keeps them readable.
        YAxisTicks = 1,
        MaxNumYAxisTicks = 5,
        LineStrokeWidth = 2,
        ShowDataMarkers = false,
        ShowLegend = Chart.Series.Count > 1,
    };
}
