using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Features.Monitoring.Live;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>A figure's current value, and how it moved since the start of the shown range.</summary>
public sealed partial class DashboardTile
{
    [Parameter, EditorRequired] public DashboardFigure Figure { get; set; } = default!;
    [Parameter] public MonitoringSnapshot? Latest { get; set; }
    [Parameter] public MonitoringSnapshot? Baseline { get; set; }

    /// <summary>Since when the trend is counted, as read after the change: "in 15 min", "since 11:58".</summary>
    [Parameter, EditorRequired] public string Over { get; set; } = default!;

    private string Value => Figure.Format(Latest is null ? null : Figure.Read(Latest));

    private (string Icon, Color Color, string Text)? Trend
    {
        get
        {
            if (Latest is null || Baseline is null || Figure.Read(Latest) is not { } now || Figure.Read(Baseline) is not { } then)
                return null;
            var change = Figure.Format(Math.Abs(now - then));
            if (change == Figure.Format(0))
                return (Icons.Material.Filled.TrendingFlat, Color.Default, $"steady {Over}");
            var rose = now > then;
            // Only figures where more means trouble get a warning colour; more connections is neither good nor bad.
            var color = !Figure.HigherIsWorse ? Color.Default : rose ? Color.Error : Color.Success;
            return (rose ? Icons.Material.Filled.TrendingUp : Icons.Material.Filled.TrendingDown, color, $"{(rose ? "+" : "−")}{change} {Over}");
        }
    }
}
