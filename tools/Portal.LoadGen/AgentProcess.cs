using System.Globalization;

namespace Portal.LoadGen;

/// <summary>
/// The agents run in a process of their own (<see cref="ChildProcess"/>, <c>--role agents</c>). Customer → agent latency
/// is timed where the agents hear a message, and in the customers' process (10,000 connections, a large heap) every GC
/// pause, 40–150 ms there, was added to the latency of each message arriving during it; an agent's console is a browser
/// of its own in a shop, too. The agents' process reports each event as one line; this side applies them to the run's
/// ledger and counters.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private const string Arrived = "arrived";
    private const string Sending = "sending";
    private const string Acknowledged = "acked";
    private const string Error = "error";
    private const string Ready = "ready";
    private const string Stopped = "stopped";
    private const string Failed = "failed";
    private const string StopReplying = "stop-replying";

    private readonly DeliveryLedger _ledger;
    private readonly LoadCounters _counters;
    private readonly object[] _receivers;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ChildProcess _child;

    private AgentProcess(LoadOptions options, DeliveryLedger ledger, LoadCounters counters)
    {
        _ledger = ledger;
        _counters = counters;
        // One object per agent, so the ledger tells a repeat to one agent from the same message reaching another.
        _receivers = options.Agents.Select(_ => new object()).ToArray();
        _child = ChildProcess.Start(LoadRole.Agents, options.AgentProcessArguments(), Apply);
        _ = _child.Ended.ContinueWith(_ =>
        {
            var ended = new InvalidOperationException("The agents' process ended.");
            _ready.TrySetException(ended);
            _stopped.TrySetException(ended);
        }, TaskScheduler.Default);
    }

    /// <summary>Starts the agents' process and returns once every agent is connected.</summary>
    public static async Task<AgentProcess> StartAsync(LoadOptions options, DeliveryLedger ledger, LoadCounters counters, CancellationToken ct)
    {
        var agents = new AgentProcess(options, ledger, counters);
        try
        {
            await agents._ready.Task.WaitAsync(ct);
        }
        catch
        {
            await agents.DisposeAsync();
            throw;
        }
        return agents;
    }

    /// <summary>No new replies from now on; returns once those the agents are thinking about or sending are sent.</summary>
    public async Task StopReplyingAsync()
    {
        await _child.SendAsync(StopReplying);
        await _stopped.Task;
    }

    public ValueTask DisposeAsync() => _child.DisposeAsync();

    private void Apply(string kind, string rest)
    {
        var parts = rest.Split(' ');
        switch (kind)
        {
            case Arrived:
                _ledger.Arrived(parts[1], _receivers[Int(parts[0])], long.Parse(parts[2], CultureInfo.InvariantCulture),
                    new DateTime(long.Parse(parts[3], CultureInfo.InvariantCulture), DateTimeKind.Utc));
                break;
            case Sending:
                _ledger.Sending(parts[0], Guid.Parse(parts[1]));
                break;
            case Acknowledged:
                _ledger.Acknowledged(parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture));
                _counters.Replied();
                break;
            case Error:
                _counters.Error(rest);
                break;
            case Ready:
                _ready.TrySetResult();
                break;
            case Stopped:
                _stopped.TrySetResult();
                break;
            case Failed:
                _ready.TrySetException(new InvalidOperationException(rest));
                break;
        }
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>
    /// The agents' side: connects every agent, reports on standard output, stops replying when told, and disconnects and
    /// returns at the end of standard input. Exit code 0, or 1 when an agent could not connect.
    /// </summary>
    public static async Task<int> ServeAsync(LoadOptions options)
    {
        await using var output = ChildReport.ToStandardOutput();
        var report = new Report(output);
        using var addresses = new SourceAddresses(options.SourceAddresses, options.FirstSourceAddress);
        var agents = new List<SimulatedAgent>();
        try
        {
            foreach (var (email, password) in options.Agents)
            {
                var agent = new SimulatedAgent(options, addresses, report, agents.Count);
                agents.Add(agent);
                await agent.ConnectAsync(email, password, CancellationToken.None);
            }
            report.Write(Ready);
            while (await Console.In.ReadLineAsync() is { } command)
            {
                if (command != StopReplying)
                    continue;
                await Task.WhenAll(agents.Select(a => a.StopReplyingAsync()));
                report.Write(Stopped);
            }
            return 0;
        }
        catch (Exception ex)
        {
            report.Write($"{Failed} {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }

    /// <summary>What a <see cref="SimulatedAgent"/> tells the run, as lines of the agents' process.</summary>
    public sealed class Report(ChildReport output)
    {
        public void Arrived(int agent, string? clientMessageId, long arrivedAt, DateTime storedAt)
        {
            if (clientMessageId is not null)
                Write(string.Create(CultureInfo.InvariantCulture, $"{AgentProcess.Arrived} {agent} {clientMessageId} {arrivedAt} {storedAt.ToUniversalTime().Ticks}"));
        }

        public void Sending(string clientMessageId, Guid conversationId) => Write($"{AgentProcess.Sending} {clientMessageId} {conversationId}");
        public void Acknowledged(string clientMessageId, long seq) => Write(string.Create(CultureInfo.InvariantCulture, $"{AgentProcess.Acknowledged} {clientMessageId} {seq}"));
        public void Error(string what) => Write($"{AgentProcess.Error} {what}");
        internal void Write(string line) => output.Write(line);
    }
}
