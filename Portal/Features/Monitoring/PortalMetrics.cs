using System.Diagnostics.Metrics;
using Portal.Features.Conversations;

namespace Portal.Features.Monitoring;

/// <summary>Portal's own instruments; at <c>/metrics</c> they carry the names of SPEC §4.7.</summary>
public sealed class PortalMetrics
{
    public const string MeterName = "Portal";

    private readonly Counter<long> _messages;
    private readonly Histogram<double> _delivery;
    private readonly Histogram<double> _firstResponse;
    private readonly UpDownCounter<long> _connections;
    private readonly TimeProvider _clock;
    private long _messagesStored;
    private int _widgetConnections;
    private int _agentConnections;

    public PortalMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("portal.messages", description: "Messages stored, by channel and author.");
        _delivery = meter.CreateHistogram<double>("portal.message.delivery", unit: "s",
            description: "Time from a message being accepted to it being pushed to the other side.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _firstResponse = meter.CreateHistogram<double>("portal.first_response", unit: "s",
            description: "Time a customer waited for a person's first answer (from their first message, or the bot's handover).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 10, 20, 30, 60, 120, 180, 300, 600, 900, 1800, 3600] });
        _connections = meter.CreateUpDownCounter<long>("portal.connections.active", description: "Open hub connections, by kind.");
    }

    /// <summary>Messages this process has stored since it started.</summary>
    public long MessagesStored => Interlocked.Read(ref _messagesStored);

    /// <summary>Open hub connections of this process, by kind.</summary>
    public int WidgetConnections => Volatile.Read(ref _widgetConnections);
    public int AgentConnections => Volatile.Read(ref _agentConnections);

    public void MessageStored(string channel, MessageAuthor author)
    {
        Interlocked.Increment(ref _messagesStored);
        _messages.Add(1, new("channel", channel), new("author", author.ToString().ToLowerInvariant()));
    }

    public void MessageDelivered(MessageDto message) =>
        _delivery.Record(Math.Max(0, (_clock.GetUtcNow().UtcDateTime - message.SentAt).TotalSeconds));

    public void FirstResponse(string channel, TimeSpan waited) =>
        _firstResponse.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));

    public void ConnectionOpened(string kind) => ConnectionsChanged(kind, +1);

    public void ConnectionClosed(string kind) => ConnectionsChanged(kind, -1);

    private void ConnectionsChanged(string kind, int by)
    {
        Interlocked.Add(ref kind == "widget" ? ref _widgetConnections : ref _agentConnections, by);
        _connections.Add(by, new KeyValuePair<string, object?>("kind", kind));
    }
}
