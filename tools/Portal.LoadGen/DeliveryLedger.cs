using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Portal.LoadGen;

/// <summary>
/// Every message the run sends, keyed by its clientMessageId: when it was sent, whether the server acknowledged it and
/// when it reached the other side. Delivery latency is send → first arrival, in microseconds (HdrHistogram, 3 digits).
/// </summary>
public sealed class DeliveryLedger
{
    private readonly ConcurrentDictionary<string, Sent> _sent = new();
    private const long TenMinutesInMicroseconds = 600_000_000;

    private readonly LongHistogram _toAgents = new(TenMinutesInMicroseconds, 3);
    private readonly LongHistogram _toCustomers = new(TenMinutesInMicroseconds, 3);
    private long _duplicates;

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public string Sending(Guid conversationId, bool byCustomer)
    {
        var id = Guid.NewGuid().ToString("N");
        _sent[id] = new Sent(conversationId, byCustomer, Stopwatch.GetTimestamp());
        return id;
    }

    public void Acknowledged(string clientMessageId, long seq)
    {
        if (_sent.TryGetValue(clientMessageId, out var sent))
            sent.Seq = seq;
    }

    /// <summary>A message reached one receiving connection (<paramref name="receiver"/> names it, to tell a repeat from a second receiver).</summary>
    public void Arrived(string? clientMessageId, object receiver)
    {
        if (clientMessageId is null || !_sent.TryGetValue(clientMessageId, out var sent))
            return;
        lock (sent)
        {
            if (!sent.Receivers.Add(receiver))
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }
            if (sent.Receivers.Count > 1)
                return;
        }
        var micros = (long)Stopwatch.GetElapsedTime(sent.At).TotalMicroseconds;
        var histogram = sent.ByCustomer ? _toAgents : _toCustomers;
        lock (histogram)
            histogram.RecordValue(Math.Max(1, micros));
    }

    /// <summary>Acknowledged messages that never reached anyone on the other side.</summary>
    public int Undelivered(bool byCustomer) =>
        _sent.Values.Count(s => s.ByCustomer == byCustomer && s.Seq > 0 && s.Receivers.Count == 0);

    public int Acknowledged(bool byCustomer) => _sent.Values.Count(s => s.ByCustomer == byCustomer && s.Seq > 0);

    public int Unacknowledged(bool byCustomer) => _sent.Values.Count(s => s.ByCustomer == byCustomer && s.Seq == 0);

    public LatencySummary Latency(bool byCustomer)
    {
        var histogram = byCustomer ? _toAgents : _toCustomers;
        lock (histogram)
            return LatencySummary.Of(histogram);
    }

    /// <summary>The acknowledged messages of a conversation, to compare with what the server stored.</summary>
    public IReadOnlyDictionary<string, long> AcknowledgedIn(Guid conversationId) =>
        _sent.Where(s => s.Value.ConversationId == conversationId && s.Value.Seq > 0).ToDictionary(s => s.Key, s => s.Value.Seq);

    private sealed class Sent(Guid conversationId, bool byCustomer, long at)
    {
        public Guid ConversationId { get; } = conversationId;
        public bool ByCustomer { get; } = byCustomer;
        public long At { get; } = at;
        public long Seq { get; set; }
        public HashSet<object> Receivers { get; } = new(ReferenceEqualityComparer.Instance);
    }
}

/// <summary>Delivery latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(HistogramBase histogram) => histogram.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0)
        : new LatencySummary(histogram.TotalCount, Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(95)),
            Ms(histogram.GetValueAtPercentile(99)), Ms(histogram.GetMaxValue()));

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 2);
}
