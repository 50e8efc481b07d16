namespace Portal.Features.Shifts;

/// <summary>
/// Turns "template on a local date" into UTC instants. A shift on date D runs from D at its start time to its end
/// time (on D + 1 when the end is not after the start), both read in the template's time zone: a start or end
/// inside a spring-forward gap moves to the first instant after the gap, and a time that occurs twice on a
/// fall-back night means its first (daylight) occurrence. A shift over a DST change is an hour longer or shorter.
/// </summary>
public static class ShiftTimes
{
    public static (DateTimeOffset Start, DateTimeOffset End) Occurrence(DateOnly date, TimeOnly start, TimeOnly end, TimeZoneInfo zone)
    {
        var endDate = end <= start ? date.AddDays(1) : date;
        return (ToUtc(date.ToDateTime(start), zone), ToUtc(endDate.ToDateTime(end), zone));
    }

    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            local = FirstValidMinuteAfter(local, zone);
        var offset = zone.IsAmbiguousTime(local)
            // Clocks go back, so the offset before the change (the first occurrence) is the larger one.
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The date a UTC instant falls on in a time zone.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The Monday of the week a date is in.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    // Clock changes happen on whole minutes, so the gap ends on the first valid whole minute.
    private static DateTime FirstValidMinuteAfter(DateTime local, TimeZoneInfo zone)
    {
        var candidate = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        do candidate = candidate.AddMinutes(1);
        while (zone.IsInvalidTime(candidate));
        return candidate;
    }
}
