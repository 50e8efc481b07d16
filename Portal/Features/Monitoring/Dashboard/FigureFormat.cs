using System.Globalization;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>How the dashboard writes its figures: durations as "2 m 05 s", shares as percentages, "—" for no data yet.</summary>
public static class FigureFormat
{
    public const string NoData = "—";

    public static string Count(double? value) =>
        value is { } v ? Math.Round(v).ToString("N0", CultureInfo.InvariantCulture) : NoData;

    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
            return NoData;
        var time = TimeSpan.FromSeconds(Math.Round(Math.Abs(s)));
        var text = time.TotalHours >= 1 ? $"{(int)time.TotalHours} h {time.Minutes:00} m"
            : time.TotalMinutes >= 1 ? $"{time.Minutes} m {time.Seconds:00} s"
            : $"{time.Seconds} s";
        return s < 0 ? "−" + text : text;
    }

    /// <summary>A share from 0 to 1 as a percentage, with a decimal only where it says something ("0.4%", "12%").</summary>
    public static string Share(double? share) =>
        share is { } v ? (v * 100).ToString(Math.Abs(v) < 0.1 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%" : NoData;
}
