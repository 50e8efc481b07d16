using Portal.Features.Shifts;

namespace Portal.Tests.Features.Shifts;

/// <summary>How assignments, holidays and leave become the shifts people actually work.</summary>
public sealed class ShiftCalendarTests
{
    private static readonly DateOnly Thursday = new(2026, 11, 26);

    private static readonly ShiftTemplate Morning = Template("Morning", "08:00", "12:00");
    private static readonly ShiftTemplate Afternoon = Template("Afternoon", "17:00", "21:00");
    private static readonly ShiftTemplate Night = Template("Night", "22:00", "06:00");

    private static ShiftTemplate Template(string name, string start, string end) =>
        new() { Name = name, Start = TimeOnly.Parse(start), End = TimeOnly.Parse(end), TimeZone = "Asia/Shanghai" };

    private static (ShiftAssignment, ShiftTemplate) On(string userId, ShiftTemplate template, DateOnly date) =>
        (new ShiftAssignment { UserId = userId, ShiftTemplateId = template.Id, Date = date }, template);

    private static DateTimeOffset Shanghai(DateOnly date, int hour, int minute = 0) =>
        new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));

    [Fact]
    public void A_split_shift_covers_both_parts_of_the_day_and_not_the_break_between()
    {
        var shifts = ShiftCalendar.Expand([On("li", Morning, Thursday), On("li", Afternoon, Thursday)], []);

        Assert.Equal(2, shifts.Count);
        Assert.False(shifts[0].Overlaps(shifts[1]));
        Assert.Contains(shifts, s => s.Covers(Shanghai(Thursday, 9)));
        Assert.DoesNotContain(shifts, s => s.Covers(Shanghai(Thursday, 14)));
        Assert.Contains(shifts, s => s.Covers(Shanghai(Thursday, 20, 59)));
        Assert.DoesNotContain(shifts, s => s.Covers(Shanghai(Thursday, 21)));
    }

    [Fact]
    public void A_night_shift_covers_the_early_hours_of_the_next_day()
    {
        var night = Assert.Single(ShiftCalendar.Expand([On("tom", Night, Thursday)], []));

        Assert.True(night.Covers(Shanghai(Thursday.AddDays(1), 5, 59)));
        Assert.False(night.Covers(Shanghai(Thursday.AddDays(1), 6)));
        Assert.False(night.Covers(Shanghai(Thursday, 21, 59)));
        Assert.True(night.Covers(Shanghai(Thursday, 21, 50), grace: TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void A_holiday_cancels_everybodys_shifts_that_start_that_day_but_not_the_night_before()
    {
        var holiday = new ShiftException { Date = Thursday, Kind = ShiftExceptionKind.Holiday };

        var shifts = ShiftCalendar.Expand(
            [On("li", Morning, Thursday), On("tom", Night, Thursday), On("tom", Night, Thursday.AddDays(-1))], [holiday]);

        var left = Assert.Single(shifts);
        Assert.Equal(Thursday.AddDays(-1), DateOnly.FromDateTime(left.Start.ToOffset(TimeSpan.FromHours(8)).DateTime));
        Assert.True(left.Covers(Shanghai(Thursday, 3)));
    }

    [Fact]
    public void Leave_cancels_only_that_persons_shifts_on_that_day()
    {
        var leave = new ShiftException { Date = Thursday, UserId = "li", Kind = ShiftExceptionKind.Leave };

        var shifts = ShiftCalendar.Expand(
            [On("li", Morning, Thursday), On("li", Morning, Thursday.AddDays(1)), On("zhou", Morning, Thursday)], [leave]);

        Assert.Equal(["zhou", "li"], shifts.Select(s => s.UserId));
        Assert.Equal(Shanghai(Thursday.AddDays(1), 8), shifts[1].Start);
    }

    [Fact]
    public void Overlap_is_found_across_midnight()
    {
        var early = Template("Early", "05:00", "09:00");
        var shifts = ShiftCalendar.Expand([On("tom", Night, Thursday), On("tom", early, Thursday.AddDays(1)), On("tom", early, Thursday)], []);

        Assert.True(shifts.Single(s => s.TemplateName == "Night").Overlaps(shifts.Last()));
        Assert.False(shifts.Single(s => s.TemplateName == "Night").Overlaps(shifts.First()));
    }
}
