using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace Portal.LoadGen;

/// <summary>
/// Every message the run sends, keyed by its clientMessageId: whether the server acknowledged it and when it reached the
/// other side. A clientMessageId carries its direction and the moment it was sent (<see cref="NewClientMessageId"/>), so
/// the agents' process and the customers' process measure with one clock (the machine's monotonic one) and an arrival
/// may be noted before its sender's ack. Delivery latency is send → first arrival, in microseconds (HdrHistogram, 3
/// digits); a customer message's latency is also split at the moment the server stored it (its sentAt, the same
/// machine's wall clock): send → stored and stored → pushed to the agent, to tell where the time went.
/// </summary>
public sealed class DeliveryLedger
{
    private const long TenMinutesInMicroseconds = 600_000_000;

    private readonly ConcurrentDictionary<string, Sent> _sent = new();
    private readonly LongHistogram _toAgents = new(TenMinutesInMicroseconds, 3);
    private readonly LongHistogram _toCustomers = new(TenMinutesInMicroseconds, 3);
    private readonly LongHistogram _toAgentsDuringHold = new(TenMinutesInMicroseconds, 3);
    private readonly LongHistogram _customerSendToStored = new(TenMinutesInMicroseconds, 3);
    private readonly LongHistogram _customerStoredToAgent = new(TenMinutesInMicroseconds, 3);
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _duplicates;
    private long _holdStarted = long.MaxValue;

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Where the CSV's <c>sent_s</c> counts from: this process's <see cref="Stopwatch"/> reading (CLOCK_MONOTONIC on Linux), in seconds.</summary>
    public double OriginSeconds => (double)_started / Stopwatch.Frequency;

    /// <summary>A new clientMessageId: <c>c</c> (customer) or <c>a</c> (agent), the send timestamp in hex, a dot, a GUID.</summary>
    public static string NewClientMessageId(bool byCustomer) =>
        string.Create(CultureInfo.InvariantCulture, $"{(byCustomer ? 'c' : 'a')}{Stopwatch.GetTimestamp():x}.{Guid.NewGuid():N}");

    /// <summary>From now on every customer is connected: customer messages sent from here on count for the hold too.</summary>
    public void HoldStarts() => Interlocked.Exchange(ref _holdStarted, Stopwatch.GetTimestamp());

    public void Sending(string clientMessageId, Guid conversationId)
    {
        if (Entry(clientMessageId) is { } sent)
            sent.ConversationId = conversationId;
    }

    public void Acknowledged(string clientMessageId, long seq)
    {
        if (Entry(clientMessageId) is { } sent)
            sent.Seq = seq;
    }

    /// <summary>
    /// A message reached one receiving connection at <paramref name="arrivedAt"/> (a <see cref="Stopwatch"/> timestamp;
    /// <paramref name="receiver"/> names the connection, to tell a repeat from a second receiver); the server stored it
    /// at <paramref name="storedAt"/>.
    /// </summary>
    public void Arrived(string? clientMessageId, object receiver, long arrivedAt, DateTime storedAt)
    {
        if (clientMessageId is null || Entry(clientMessageId) is not { } sent)
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
        var latency = Stopwatch.GetElapsedTime(sent.At, arrivedAt);
        var histogram = sent.ByCustomer ? _toAgents : _toCustomers;
        lock (histogram)
            histogram.RecordValue(Micros(latency));
        var sentAt = DateTime.UtcNow - Stopwatch.GetElapsedTime(sent.At);
        var sendToStored = storedAt - sentAt;
        _deliveries.Enqueue(new Delivery(Stopwatch.GetElapsedTime(_started, sent.At), sent.ByCustomer, latency, sendToStored));
        if (!sent.ByCustomer)
            return;
        if (sent.At >= Interlocked.Read(ref _holdStarted))
            lock (_toAgentsDuringHold)
                _toAgentsDuringHold.RecordValue(Micros(latency));
        lock (_customerSendToStored)
        {
            _customerSendToStored.RecordValue(Micros(sendToStored));
            _customerStoredToAgent.RecordValue(Micros(latency - sendToStored));
        }
    }

    /// <summary>Acknowledged messages that never reached anyone on the other side.</summary>
    public int Undelivered(bool byCustomer) =>
        _sent.Values.Count(s => s.ByCustomer == byCustomer && s.Seq > 0 && s.Receivers.Count == 0);

    public int Acknowledged(bool byCustomer) => _sent.Values.Count(s => s.ByCustomer == byCustomer && s.Seq > 0);

    public int Unacknowledged(bool byCustomer) => _sent.Values.Count(s => s.ByCustomer == byCustomer && s.Seq == 0 && s.ConversationId is not null);

    public LatencySummary Latency(bool byCustomer)
    {
        var histogram = byCustomer ? _toAgents : _toCustomers;
        lock (histogram)
            return LatencySummary.Of(histogram);
    }

    /// <summary>Customer → agent latency of the messages sent while every customer was connected (the hold).</summary>
    public LatencySummary CustomerLatencyDuringHold()
    {
        lock (_toAgentsDuringHold)
            return LatencySummary.Of(_toAgentsDuringHold);
    }

    /// <summary>Customer messages: send → stored by the server, and stored → pushed to the first agent.</summary>
    public (LatencySummary SendToStored, LatencySummary StoredToAgent) CustomerLatencySplit()
    {
        lock (_customerSendToStored)
            return (LatencySummary.Of(_customerSendToStored), LatencySummary.Of(_customerStoredToAgent));
    }

    /// <summary>Every first arrival, in the order they came: for the messages CSV.</summary>
    public IEnumerable<Delivery> Deliveries => _deliveries;

    /// <summary>The acknowledged messages of a conversation, to compare with what the server stored.</summary>
    public IReadOnlyDictionary<string, long> AcknowledgedIn(Guid conversationId) =>
        _sent.Where(s => s.Value.ConversationId == conversationId && s.Value.Seq > 0).ToDictionary(s => s.Key, s => s.Value.Seq);

    private static long Micros(TimeSpan span) => Math.Clamp((long)span.TotalMicroseconds, 1, TenMinutesInMicroseconds);

    /// <summary>The entry of one of this run's clientMessageIds, made on first sight; null for anyone else's.</summary>
    private Sent? Entry(string clientMessageId)
    {
        if (_sent.TryGetValue(clientMessageId, out var sent))
            return sent;
        var dot = clientMessageId.IndexOf('.');
        if (dot < 2 || clientMessageId[0] is not ('c' or 'a')
            || !long.TryParse(clientMessageId.AsSpan(1, dot - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var at))
            return null;
        return _sent.GetOrAdd(clientMessageId, _ => new Sent(clientMessageId[0] == 'c', at));
    }

    private sealed class Sent(bool byCustomer, long at)
    {
        public bool ByCustomer { get; } = byCustomer;
        public long At { get; } = at;
        public Guid? ConversationId { get; set; }
        public long Seq { get; set; }
        public HashSet<object> Receivers { get; } = new(ReferenceEqualityComparer.Instance);
    }
}

/// <summary>One message's first arrival: when it was sent (since the run started), its direction and latencies.</summary>
public sealed record Delivery(TimeSpan SentAfter, bool ByCustomer, TimeSpan Latency, TimeSpan SendToStored)
{
    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{SentAfter.TotalSeconds:F3},{(ByCustomer ? "customer" : "agent")},{Latency.TotalMilliseconds:F2},{SendToStored.TotalMilliseconds:F2}");
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
