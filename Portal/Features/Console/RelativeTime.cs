namespace Portal.Features.Console;

/// <summary>"now", "5m", "3h", "2d" or a date: how long ago, as chat lists show it.</summary>
public static class RelativeTime
{
    public static string Format(DateTime utc, DateTime? now = null)
    {
        var age = (now ?? DateTime.UtcNow) - utc;
        return age.TotalMinutes < 1 ? "now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours}h"
            : age.TotalDays < 7 ? $"{(int)age.TotalDays}d"
            : utc.ToString("yyyy-MM-dd");
    }
}
