using Portal.Features.Shifts;

namespace Portal.Tests.Features.Shifts;

public sealed class ShiftTimesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static (DateTimeOffset Start, DateTimeOffset End) Shift(string date, string start, string end, TimeZoneInfo zone) =>
        ShiftTimes.Occurrence(DateOnly.Parse(date), TimeOnly.Parse(start), TimeOnly.Parse(end), zone);

    [Fact]
    public void A_day_shift_in_Shanghai_is_eight_hours_earlier_in_UTC()
    {
        var (start, end) = Shift("2026-11-26", "08:00", "16:00", Shanghai);

        Assert.Equal(Utc("2026-11-26T00:00:00"), start);
        Assert.Equal(Utc("2026-11-26T08:00:00"), end);
    }

    [Fact]
    public void A_shift_that_ends_at_or_before_its_start_ends_the_next_day()
    {
        var evening = Shift("2026-11-26", "16:00", "00:00", Shanghai);
        var night = Shift("2026-11-26", "22:00", "06:00", Shanghai);

        Assert.Equal((Utc("2026-11-26T08:00:00"), Utc("2026-11-26T16:00:00")), evening);
        Assert.Equal((Utc("2026-11-26T14:00:00"), Utc("2026-11-26T22:00:00")), night);
    }

    [Fact]
    public void The_same_local_shift_is_at_different_instants_in_Shanghai_New_York_and_Berlin()
    {
        Assert.Equal(Utc("2026-06-15T01:00:00"), Shift("2026-06-15", "09:00", "17:00", Shanghai).Start);
        Assert.Equal(Utc("2026-06-15T13:00:00"), Shift("2026-06-15", "09:00", "17:00", NewYork).Start);
        Assert.Equal(Utc("2026-06-15T07:00:00"), Shift("2026-06-15", "09:00", "17:00", Berlin).Start);
        Assert.Equal(Utc("2026-12-15T14:00:00"), Shift("2026-12-15", "09:00", "17:00", NewYork).Start);
        Assert.Equal(Utc("2026-12-15T08:00:00"), Shift("2026-12-15", "09:00", "17:00", Berlin).Start);
    }

    [Fact]
    public void A_night_shift_over_the_spring_forward_in_New_York_is_an_hour_shorter()
    {
        var (start, end) = Shift("2026-03-07", "22:00", "06:00", NewYork);

        Assert.Equal(Utc("2026-03-08T03:00:00"), start);
        Assert.Equal(Utc("2026-03-08T10:00:00"), end);
        Assert.Equal(TimeSpan.FromHours(7), end - start);
    }

    [Fact]
    public void A_night_shift_over_the_fall_back_in_New_York_is_an_hour_longer()
    {
        var (start, end) = Shift("2026-10-31", "22:00", "06:00", NewYork);

        Assert.Equal(Utc("2026-11-01T02:00:00"), start);
        Assert.Equal(Utc("2026-11-01T11:00:00"), end);
        Assert.Equal(TimeSpan.FromHours(9), end - start);
    }

    [Fact]
    public void A_start_inside_the_spring_forward_gap_moves_to_the_first_valid_instant()
    {
        // 02:30 does not exist in New York on 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
        var (start, end) = Shift("2026-03-08", "02:30", "10:00", NewYork);

        Assert.Equal(Utc("2026-03-08T07:00:00"), start);
        Assert.Equal(Utc("2026-03-08T14:00:00"), end);
    }

    [Fact]
    public void A_start_in_the_repeated_fall_back_hour_takes_its_first_daylight_occurrence()
    {
        // 01:30 happens twice in New York on 2026-11-01: first at EDT (-4), then at EST (-5).
        var (start, end) = Shift("2026-11-01", "01:30", "09:30", NewYork);

        Assert.Equal(Utc("2026-11-01T05:30:00"), start);
        Assert.Equal(Utc("2026-11-01T14:30:00"), end);
        Assert.Equal(TimeSpan.FromHours(9), end - start);
    }

    [Fact]
    public void Berlin_day_shifts_on_its_change_days_follow_the_new_offset()
    {
        // Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
        Assert.Equal((Utc("2026-03-29T06:00:00"), Utc("2026-03-29T14:00:00")), Shift("2026-03-29", "08:00", "16:00", Berlin));
        Assert.Equal((Utc("2026-10-25T07:00:00"), Utc("2026-10-25T15:00:00")), Shift("2026-10-25", "08:00", "16:00", Berlin));
    }

    [Fact]
    public void Berlin_night_shifts_over_its_change_days_are_an_hour_shorter_in_spring_and_longer_in_autumn()
    {
        var spring = Shift("2026-03-28", "22:00", "06:00", Berlin);
        var autumn = Shift("2026-10-24", "22:00", "06:00", Berlin);
        var gap = Shift("2026-03-29", "02:15", "06:00", Berlin);
        var repeated = Shift("2026-10-25", "02:30", "06:00", Berlin);

        Assert.Equal(TimeSpan.FromHours(7), spring.End - spring.Start);
        Assert.Equal(TimeSpan.FromHours(9), autumn.End - autumn.Start);
        Assert.Equal(Utc("2026-03-29T01:00:00"), gap.Start);
        Assert.Equal(Utc("2026-10-25T00:30:00"), repeated.Start);
    }

    [Fact]
    public void Shanghai_has_no_DST_so_a_New_York_change_day_does_not_move_its_shifts()
    {
        Assert.Equal(Utc("2026-03-08T00:00:00"), Shift("2026-03-08", "08:00", "16:00", Shanghai).Start);
        Assert.Equal(Utc("2026-11-01T00:00:00"), Shift("2026-11-01", "08:00", "16:00", Shanghai).Start);
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-23")]
    [InlineData("2026-11-26", "2026-11-23")]
    [InlineData("2026-11-29", "2026-11-23")]
    [InlineData("2026-11-30", "2026-11-30")]
    public void The_week_starts_on_Monday(string date, string monday) =>
        Assert.Equal(DateOnly.Parse(monday), ShiftTimes.WeekStart(DateOnly.Parse(date)));
}
