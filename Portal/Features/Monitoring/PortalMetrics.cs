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

    public void MessageStored(string channel, MessageAuthor author) =>
        _messages.Add(1, new("channel", channel), new("author", author.ToString().ToLowerInvariant()));

    public void MessageDelivered(MessageDto message) =>
        _delivery.Record(Math.Max(0, (_clock.GetUtcNow().UtcDateTime - message.SentAt).TotalSeconds));

    public void FirstResponse(string channel, TimeSpan waited) =>
        _firstResponse.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));

    public void ConnectionOpened(string kind) => _connections.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void ConnectionClosed(string kind) => _connections.Add(-1, new KeyValuePair<string, object?>("kind", kind));
}
