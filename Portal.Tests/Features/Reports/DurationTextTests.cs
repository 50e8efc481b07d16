using Portal.Features.Reports;

namespace Portal.Tests.Features.Reports;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(null, "—")]
    [InlineData(0.4, "0 s")]
    [InlineData(45.0, "45 s")]
    [InlineData(80.0, "1 m 20 s")]
    [InlineData(120.0, "2 m")]
    [InlineData(7_500.0, "2 h 5 m")]
    [InlineData(273_600.0, "3 d 4 h")]
    public void Report_durations_read_as_people_say_them(double? seconds, string shown) =>
        Assert.Equal(shown, DurationText.Format(seconds));
}
