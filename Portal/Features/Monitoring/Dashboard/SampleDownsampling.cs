using Portal.Features.Monitoring.Live;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>
/// Thins a range of live samples to at most a chart's worth of points: samples are grouped into equal time buckets
/// aligned to the clock (so a bucket keeps its members while new samples arrive) and each bucket becomes one sample.
/// </summary>
public static class SampleDownsampling
{
    /// <summary>Merges the samples (oldest first) of <paramref name="length"/> of time into at most <paramref name="maxPoints"/>.</summary>
    public static IReadOnlyList<MonitoringSnapshot> Downsample(IReadOnlyList<MonitoringSnapshot> samples, TimeSpan length, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        // A range rarely starts on a bucket boundary, so it touches one bucket more than it spans whole.
        var bucketTicks = Math.Max(1, (length.Ticks + maxPoints - 2) / (maxPoints - 1));
        return [.. samples
            .GroupBy(s => s.At.Ticks / bucketTicks)
            .Select(bucket => bucket.Count() == 1 ? bucket.First() : Merge([.. bucket]))];
    }

    /// <summary>
    /// One sample standing for a bucket, at its latest time: the highest of the figures where a spike matters (waits,
    /// first responses, errors) so it is not averaged away, the mean of the rest.
    /// </summary>
    public static MonitoringSnapshot Merge(IReadOnlyList<MonitoringSnapshot> bucket) => new(
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

    private static int Mean(IReadOnlyList<MonitoringSnapshot> bucket, Func<MonitoringSnapshot, int> figure) =>
        (int)Math.Round(bucket.Average(figure), MidpointRounding.AwayFromZero);
}
