using Portal.Features.Monitoring.Dashboard;

namespace Portal.Tests.Features.Monitoring;

public sealed class FigureFormatTests
{
    [Theory]
    [InlineData(0.4, "0 s")]
    [InlineData(45.0, "45 s")]
    [InlineData(125.0, "2 m 05 s")]
    [InlineData(3725.0, "1 h 02 m")]
    [InlineData(-65.0, "−1 m 05 s")]
    [InlineData(null, "—")]
    public void Durations_read_as_hours_minutes_and_seconds(double? seconds, string expected) =>
        Assert.Equal(expected, FigureFormat.Duration(seconds));

    [Theory]
    [InlineData(0.0, "0%")]
    [InlineData(0.004, "0.4%")]
    [InlineData(0.125, "13%")]
    [InlineData(1.0, "100%")]
    [InlineData(null, "—")]
    public void Shares_read_as_percentages_with_a_decimal_only_when_small(double? share, string expected) =>
        Assert.Equal(expected, FigureFormat.Share(share));
}
