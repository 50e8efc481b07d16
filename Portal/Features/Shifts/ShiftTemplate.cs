namespace Portal.Features.Shifts;

/// <summary>
/// A named working time, e.g. "Morning 08:00–16:00, Mon–Fri, Asia/Shanghai". <see cref="End"/> before or equal to
/// <see cref="Start"/> means the shift crosses midnight and ends the next day.
/// </summary>
public sealed class ShiftTemplate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }

    /// <summary>The days the template is normally worked; used when filling a week from it.</summary>
    public List<DayOfWeek> Weekdays { get; set; } = [];

    /// <summary>IANA time zone the times are in (e.g. Asia/Shanghai).</summary>
    public required string TimeZone { get; set; }

    /// <summary>Colour of the shift in the schedule grid (#rrggbb).</summary>
    public string Color { get; set; } = "#4f46e5";
}

/// <summary>One person working one shift on one date (the date the shift starts, in the template's time zone).</summary>
public sealed class ShiftAssignment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }
    public Guid ShiftTemplateId { get; set; }
    public DateOnly Date { get; set; }
}

public enum ShiftExceptionKind { Holiday, Leave }

/// <summary>A day off: a shop holiday (no user: nobody works) or one person's leave.</summary>
public sealed class ShiftException
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateOnly Date { get; set; }
    public string? UserId { get; set; }
    public ShiftExceptionKind Kind { get; set; }
    public string Note { get; set; } = "";
}
