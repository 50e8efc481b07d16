using Portal.Features.Monitoring.Dashboard;
using Portal.Features.Monitoring.Live;

namespace Portal.Tests.Features.Monitoring;

public sealed class SampleDownsamplingTests
{
    private static readonly DateTime Start = new(2026, 11, 26, 8, 0, 3, DateTimeKind.Utc);

    [Fact]
    public void A_day_of_five_second_samples_becomes_at_most_300_points_spanning_the_whole_day()
    {
        var day = Enumerable.Range(0, 17_280).Select(i => Sample(Start.AddSeconds(5 * i), waiting: 1)).ToList();

        var points = SampleDownsampling.Downsample(day, 300);

        Assert.InRange(points.Count, 280, 300);
        Assert.Equal(day[^1].At, points[^1].At);
        Assert.True(points[0].At < Start.AddMinutes(5), $"The first point is at {points[0].At:HH:mm:ss}.");
        Assert.Equal(points.OrderBy(p => p.At), points);
    }

    [Fact]
    public void A_short_spike_in_waiting_customers_errors_and_waits_survives_the_thinning()
    {
        var day = Enumerable.Range(0, 17_280).Select(i => Sample(Start.AddSeconds(5 * i), waiting: 1)).ToList();
        day[9_000] = Sample(day[9_000].At, waiting: 40, longestWait: 900, errorRate: 0.25, p90: 600);

        var points = SampleDownsampling.Downsample(day, 300);

        var spike = Assert.Single(points, p => p.ConversationsWaiting == 40);
        Assert.Equal(900, spike.LongestWaitSeconds);
        Assert.Equal(0.25, spike.ErrorRate);
        Assert.Equal(600, spike.FirstResponseP90Seconds);
        Assert.All(points.Where(p => p != spike), p => Assert.Equal(1, p.ConversationsWaiting));
    }

    [Fact]
    public void Connections_and_message_rates_in_a_bucket_are_averaged_and_a_missing_share_does_not_count_as_zero()
    {
        MonitoringSnapshot[] bucket =
        [
            Sample(Start, widget: 10, messages: 4, botShare: null),
            Sample(Start.AddSeconds(5), widget: 20, messages: 8, botShare: 0.5),
            Sample(Start.AddSeconds(10), widget: 30, messages: 9, botShare: 0.7),
        ];

        var merged = SampleDownsampling.Merge(bucket);

        Assert.Equal(Start.AddSeconds(10), merged.At);
        Assert.Equal(20, merged.WidgetConnections);
        Assert.Equal(7, merged.MessagesPerMinute);
        Assert.Equal(0.6, merged.BotResolvedShare!.Value, 6);
    }

    [Fact]
    public void Up_to_300_samples_are_drawn_as_they_are_so_a_young_app_shows_every_sample_in_any_range()
    {
        var quarter = Enumerable.Range(0, 300).Select(i => Sample(Start.AddSeconds(5 * i), waiting: i % 3)).ToList();

        var points = SampleDownsampling.Downsample(quarter, 300);

        Assert.Equal(quarter, points);
    }

    [Fact]
    public void A_sample_keeps_its_bucket_while_new_samples_arrive_so_the_chart_does_not_jitter()
    {
        var hour = Enumerable.Range(0, 720).Select(i => Sample(Start.AddSeconds(5 * i), waiting: i)).ToList();
        var before = SampleDownsampling.Downsample(hour, 300);

        var later = hour.Skip(1).Append(Sample(Start.AddSeconds(5 * 720), waiting: 720)).ToList();
        var after = SampleDownsampling.Downsample(later, 300);

        Assert.InRange(before.Count, 240, 300);
        // Every point but the first and the last (the buckets the range's edges cut) stays exactly as it was.
        Assert.All(before.Skip(1).SkipLast(1), point => Assert.Contains(point, after));
    }

    private static MonitoringSnapshot Sample(
        DateTime at, int waiting = 0, double longestWait = 0, double errorRate = 0, double? p90 = null,
        int widget = 0, int messages = 0, double? botShare = null) =>
        new(at, widget, 0, messages, waiting, longestWait, 0, p90, p90, 0, 0, botShare, 0, errorRate);
}
