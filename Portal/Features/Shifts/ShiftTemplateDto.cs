namespace Portal.Features.Shifts;

/// <summary>A shift template as the API and the pages show it; times are "HH:mm" in <see cref="TimeZone"/>.</summary>
public sealed record ShiftTemplateDto(
    Guid Id, string Name, string Start, string End, IReadOnlyList<DayOfWeek> Weekdays, string TimeZone, string Color)
{
    public bool CrossesMidnight => TimeOnly.Parse(End) <= TimeOnly.Parse(Start);

    public static ShiftTemplateDto From(ShiftTemplate template) => new(
        template.Id, template.Name, template.Start.ToString("HH:mm"), template.End.ToString("HH:mm"),
        template.Weekdays.Order().ToList(), template.TimeZone, template.Color);
}

/// <summary>What a template is made of, as entered: times as "HH:mm", an IANA time zone, a #rrggbb colour.</summary>
public sealed record ShiftTemplateInput(
    string? Name, string? Start, string? End, IReadOnlyList<DayOfWeek>? Weekdays, string? TimeZone, string? Color);
