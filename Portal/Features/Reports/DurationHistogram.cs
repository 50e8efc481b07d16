using System.Globalization;
using System.Text;

namespace Portal.Features.Reports;

/// <summary>
/// Counts durations in fixed log-spaced buckets (eight per doubling, from 1 s to about 12 days), so histograms of
/// different days, agents or teams add up, and a median or p90 is read from the merged counts. Medians themselves
/// cannot be added; the buckets can. A percentile read from a bucket is within <see cref="RelativePrecision"/> of
/// the exact nearest-rank value.
/// </summary>
public sealed class DurationHistogram
{
    private const int StepsPerDoubling = 8;
    private const int Doublings = 20;

    /// <summary>Bucket 0 holds everything under a second, the last bucket everything from 2^20 s (about 12 days) on.</summary>
    public const int BucketCount = StepsPerDoubling * Doublings + 2;

    /// <summary>A percentile is reported as its bucket's geometric middle: at most this far (relative) from the exact value.</summary>
    public static readonly double RelativePrecision = Math.Pow(2, 1.0 / (2 * StepsPerDoubling)) - 1;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public void Add(TimeSpan duration) => AddToBucket(BucketOf(duration.TotalSeconds), 1);

    public void Add(DurationHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>Adds a histogram stored by <see cref="Serialize"/> ("bucket:count" pairs, comma separated).</summary>
    public void AddSerialized(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
            return;
        foreach (var range in stored.AsSpan().Split(','))
        {
            var pair = stored.AsSpan()[range];
            var colon = pair.IndexOf(':');
            AddToBucket(int.Parse(pair[..colon], CultureInfo.InvariantCulture), long.Parse(pair[(colon + 1)..], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Only the buckets in use, e.g. "41:3,57:1": a day's row of one agent uses a handful.</summary>
    public string Serialize()
    {
        var text = new StringBuilder();
        for (var i = 0; i < BucketCount; i++)
        {
            if (_counts[i] == 0)
                continue;
            if (text.Length > 0)
                text.Append(',');
            text.Append(CultureInfo.InvariantCulture, $"{i}:{_counts[i]}");
        }
        return text.ToString();
    }

    /// <summary>The nearest-rank percentile (0 &lt; <paramref name="fraction"/> ≤ 1) in seconds, or null when empty.</summary>
    public double? Percentile(double fraction)
    {
        if (Count == 0)
            return null;
        var rank = Math.Max(1, (long)Math.Ceiling(fraction * Count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Representative(i);
        }
        return Representative(BucketCount - 1);
    }

    private void AddToBucket(int bucket, long count)
    {
        _counts[Math.Clamp(bucket, 0, BucketCount - 1)] += count;
        Count += count;
    }

    private static int BucketOf(double seconds) =>
        seconds < 1 ? 0 : Math.Min(BucketCount - 1, (int)Math.Floor(Math.Log2(seconds) * StepsPerDoubling) + 1);

    private static double Representative(int bucket) => bucket switch
    {
        0 => 0.5,
        BucketCount - 1 => Math.Pow(2, Doublings),
        _ => Math.Pow(2, (bucket - 0.5) / StepsPerDoubling),
    };
}
