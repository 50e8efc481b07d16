namespace Portal.Features.Reports;

/// <summary>Durations as people read them on the report page: "45 s", "1 m 20 s", "2 h 5 m", "3 d 4 h".</summary>
public static class DurationText
{
    public static string Format(double? seconds)
    {
        if (seconds is not { } value)
            return "—";
        var total = (long)Math.Round(value);
        return total switch
        {
            < 60 => $"{total} s",
            < 3600 => Pair(total / 60, "m", total % 60, "s"),
            < 86400 => Pair(total / 3600, "h", total % 3600 / 60, "m"),
            _ => Pair(total / 86400, "d", total % 86400 / 3600, "h"),
        };
    }

    private static string Pair(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? $"{major} {majorUnit}" : $"{major} {majorUnit} {minor} {minorUnit}";
}
