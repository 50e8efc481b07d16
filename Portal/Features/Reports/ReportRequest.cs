using System.Globalization;

namespace Portal.Features.Reports;

/// <summary>How report rows are split in time: per UTC day, per week (Monday to Sunday) or one total for the range.</summary>
public enum ReportPeriod { Day, Week, Total }

/// <summary>What report rows are split by besides time.</summary>
public enum ReportBreakdown { None, Agent, Team, Channel, Site }

/// <summary>A report over whole UTC days, <see cref="From"/> to <see cref="To"/> inclusive.</summary>
public sealed record ReportRequest(DateOnly From, DateOnly To, ReportPeriod GroupBy, ReportBreakdown By)
{
    public const int MaxDays = 366;
    public const int DefaultDays = 14;

    /// <summary>
    /// Reads the query string: dates as yyyy-MM-dd (to defaults to today, from to 14 days up to to), groupBy
    /// day|week|total (default day), by none|agent|team|channel|site (default none). Errors are keyed by parameter.
    /// </summary>
    public static (ReportRequest? Request, Dictionary<string, string[]> Errors) Parse(
        string? from, string? to, string? groupBy, string? by, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var toDay = ParseDate(to, "to", today, errors);
        var fromDay = ParseDate(from, "from", toDay.AddDays(1 - DefaultDays), errors);
        var period = ParseName(groupBy, "groupBy", ReportPeriod.Day, errors);
        var breakdown = ParseName(by, "by", ReportBreakdown.None, errors);
        if (errors.Count == 0 && fromDay > toDay)
            errors["from"] = ["from must not be after to."];
        else if (errors.Count == 0 && toDay.DayNumber - fromDay.DayNumber + 1 > MaxDays)
            errors["to"] = [$"A report covers at most {MaxDays} days."];
        return errors.Count > 0 ? (null, errors) : (new ReportRequest(fromDay, toDay, period, breakdown), errors);
    }

    private static DateOnly ParseDate(string? text, string name, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors[name] = [$"{name} must be a date like 2026-11-26."];
        return fallback;
    }

    private static T ParseName<T>(string? text, string name, T fallback, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (!int.TryParse(text, out _) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value))
            return value;
        errors[name] = [$"{name} must be one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}."];
        return fallback;
    }
}
