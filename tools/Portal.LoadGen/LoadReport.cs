using System.Text;
using System.Text.Json;

namespace Portal.LoadGen;

/// <summary>The outcome of a run: what was held and sent, how fast it arrived, what went wrong, what the server used.</summary>
public sealed record LoadReport(
    int Customers,
    int Chatting,
    double TargetMessagesPerSecond,
    double RampSeconds,
    double HoldSeconds,
    long ConnectionsHeldAtEndOfHold,
    long PeakConnections,
    long CustomerMessages,
    double CustomerMessagesPerSecondDuringHold,
    long AgentReplies,
    LatencySummary CustomerToAgent,
    LatencySummary CustomerToAgentDuringHold,
    LatencySummary CustomerSendToStored,
    LatencySummary CustomerStoredToAgent,
    LatencySummary AgentToCustomer,
    int Errors,
    IReadOnlyList<string> TopErrors,
    int Unacknowledged,
    int Lost,
    long Duplicated,
    long Gaps,
    long Repeats,
    long PushedOutOfOrder,
    double? ServerMegabytesBefore,
    double? ServerMegabytesHeld,
    double? ServerKilobytesPerConnection,
    double? ServerPeakCpuPercent,
    double? ServerMeanCpuPercentDuringHold,
    IReadOnlyList<ServerSample> ServerSamples)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Nothing failed, nothing was lost or delivered twice, every seq in order.</summary>
    public bool Clean => Errors == 0 && Unacknowledged == 0 && Lost == 0 && Duplicated == 0 && Gaps == 0 && Repeats == 0;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToTable()
    {
        var table = new StringBuilder();
        void Row(string name, object? value) => table.AppendLine($"  {name,-44} {value}");
        table.AppendLine($"Portal load: {Customers} customers ({Chatting} chatting, target {TargetMessagesPerSecond} msg/s), ramp {RampSeconds} s, hold {HoldSeconds} s");
        Row("connections held at end of hold", ConnectionsHeldAtEndOfHold);
        Row("peak connections", PeakConnections);
        Row("customer messages (acknowledged)", CustomerMessages);
        Row("customer messages/s during hold", CustomerMessagesPerSecondDuringHold);
        Row("agent replies", AgentReplies);
        Row("customer → agent ms p50/p95/p99/max", Latencies(CustomerToAgent));
        Row("  sent during the hold (all connected)", Latencies(CustomerToAgentDuringHold));
        Row("  of which send → stored", Latencies(CustomerSendToStored));
        Row("  of which stored → agent", Latencies(CustomerStoredToAgent));
        Row("agent → customer ms p50/p95/p99/max", Latencies(AgentToCustomer));
        Row("errors", Errors == 0 ? "0" : $"{Errors}: {string.Join("; ", TopErrors)}");
        Row("unacknowledged sends", Unacknowledged);
        Row("lost (acknowledged, never delivered)", Lost);
        Row("duplicated", Duplicated);
        Row("seq gaps / repeats", $"{Gaps} / {Repeats}");
        Row("pushed out of seq order (sorted by client)", PushedOutOfOrder);
        if (ServerMegabytesHeld is not null)
        {
            Row("server memory before → end of hold (MB)", $"{ServerMegabytesBefore} → {ServerMegabytesHeld}");
            Row("server memory per connection (KB)", ServerKilobytesPerConnection);
            Row("server CPU % peak / mean during hold", $"{ServerPeakCpuPercent} / {ServerMeanCpuPercentDuringHold}");
        }
        return table.ToString();
    }

    private static string Latencies(LatencySummary l) => l.Count == 0 ? "—" : $"{l.P50} / {l.P95} / {l.P99} / {l.Max}  ({l.Count})";
}
