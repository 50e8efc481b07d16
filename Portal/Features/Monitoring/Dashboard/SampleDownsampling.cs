using Portal.Features.Monitoring.Live;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>
/// Thins live samples to at most a chart's worth of points: samples are grouped into equal time buckets aligned to the
/// clock and each bucket becomes one sample. Bucket widths are round steps (5 s, 15 s, 5 min…) so that, while new
/// samples arrive, a bucket keeps its members and the chart does not jitter.
/// </summary>
public static class SampleDownsampling
{
    private static readonly TimeSpan[] BucketWidths =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
    ];

    /// <summary>The samples (oldest first) as they are when they are few enough, else merged into at most <paramref name="maxPoints"/>.</summary>
    public static IReadOnlyList<MonitoringSnapshot> Downsample(IReadOnlyList<MonitoringSnapshot> samples, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        if (samples.Count <= maxPoints)
            return samples;
        var width = BucketWidth(samples[^1].At - samples[0].At, maxPoints).Ticks;
        return [.. samples.GroupBy(s => s.At.Ticks / width).Select(bucket => Merge([.. bucket]))];
    }

    /// <summary>
    /// One sample standing for a bucket, at its latest time: the highest of the figures where a spike matters (waits,
    /// first responses, errors) so it is not averaged away, the mean of the rest.
    /// </summary>
    public static MonitoringSnapshot Merge(IReadOnlyList<MonitoringSnapshot> bucket) => bucket.Count == 1 ? bucket[0] : new(
        bucket[^1].At,
        Mean(bucket, s => s.WidgetConnections),
        Mean(bucket, s => s.AgentConnections),
        Mean(bucket, s => s.MessagesPerMinute),
        bucket.Max(s => s.ConversationsWaiting),
        bucket.Max(s => s.LongestWaitSeconds),
        Mean(bucket, s => s.FirstResponses),
        bucket.Max(s => s.FirstResponseP50Seconds),
        bucket.Max(s => s.FirstResponseP90Seconds),
        Mean(bucket, s => s.AgentsOnline),
        Mean(bucket, s => s.AgentsOnShift),
        bucket.Select(s => s.BotResolvedShare).Average(),
        Mean(bucket, s => s.RequestsPerMinute),
        bucket.Max(s => s.ErrorRate));

    // A span rarely starts on a bucket boundary, so it touches one bucket more than it spans whole.
    private static TimeSpan BucketWidth(TimeSpan span, int maxPoints) =>
        BucketWidths.FirstOrDefault(width => Math.Ceiling(span / width) + 1 <= maxPoints) is { Ticks: > 0 } round
            ? round
            : TimeSpan.FromTicks((span.Ticks + maxPoints - 3) / (maxPoints - 2));

    private static int Mean(IReadOnlyList<MonitoringSnapshot> bucket, Func<MonitoringSnapshot, int> figure) =>
        (int)Math.Round(bucket.Average(figure), MidpointRounding.AwayFromZero);
}
