using System.Diagnostics;
using System.Globalization;

namespace Portal.LoadGen;

/// <summary>
/// The agents run in a process of their own: this program again, with <c>--role agents</c>. Customer → agent latency is
/// timed where the agents hear a message, and in the customers' process (10,000 connections, a large heap) every GC
/// pause, 40–120 ms there, was added to the latency of each message arriving during it; an agent's console is a browser
/// of its own in a shop, too. The agents' process reports each event as one line on its standard output; this side
/// applies them to the run's ledger and counters. Commands go the other way on its standard input.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private const string RoleArgument = "--role";
    private readonly Process _process;
    private readonly DeliveryLedger _ledger;
    private readonly LoadCounters _counters;
    private readonly object[] _receivers;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;

    private AgentProcess(Process process, LoadOptions options, DeliveryLedger ledger, LoadCounters counters)
    {
        _process = process;
        _ledger = ledger;
        _counters = counters;
        // One object per agent, so the ledger tells a repeat to one agent from the same message reaching another.
        _receivers = options.Agents.Select(_ => new object()).ToArray();
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Starts the agents' process and returns once every agent is connected.</summary>
    public static async Task<AgentProcess> StartAsync(LoadOptions options, DeliveryLedger ledger, LoadCounters counters, CancellationToken ct)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(AgentProcess).Assembly.Location);
        foreach (var argument in options.AgentProcessArguments())
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add(RoleArgument);
        start.ArgumentList.Add(nameof(LoadRole.Agents));
        // Three connections: Workstation GC keeps its pauses short.
        start.Environment["DOTNET_gcServer"] = "0";
        var agents = new AgentProcess(Process.Start(start) ?? throw new InvalidOperationException("The agents' process did not start."), options, ledger, counters);
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
        await _process.StandardInput.WriteLineAsync(StopReplying);
        await _process.StandardInput.FlushAsync();
        await _stopped.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // End of input tells the agents to disconnect and exit.
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception) when (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _reading;
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', 2);
            var rest = parts.Length > 1 ? parts[1] : "";
            switch (parts[0])
            {
                case AgentReport.ArrivedLine:
                    var (number, clientMessageId, arrivedAt, storedAt) = AgentReport.ParseArrived(rest);
                    _ledger.Arrived(clientMessageId, _receivers[number], arrivedAt, storedAt);
                    break;
                case AgentReport.SendingLine:
                    var sending = rest.Split(' ');
                    _ledger.Sending(sending[0], Guid.Parse(sending[1]));
                    break;
                case AgentReport.AcknowledgedLine:
                    var acknowledged = rest.Split(' ');
                    _ledger.Acknowledged(acknowledged[0], long.Parse(acknowledged[1], CultureInfo.InvariantCulture));
                    _counters.Replied();
                    break;
                case AgentReport.ErrorLine:
                    _counters.Error(rest);
                    break;
                case AgentReport.ReadyLine:
                    _ready.TrySetResult();
                    break;
                case AgentReport.StoppedLine:
                    _stopped.TrySetResult();
                    break;
                case AgentReport.FailedLine:
                    _ready.TrySetException(new InvalidOperationException(rest));
                    break;
            }
        }
        var ended = new InvalidOperationException("The agents' process ended.");
        _ready.TrySetException(ended);
        _stopped.TrySetException(ended);
    }

    private const string StopReplying = "stop-replying";

    /// <summary>
    /// The agents' side: connects every agent, reports on standard output, stops replying when told, and disconnects and
    /// returns at the end of standard input. Exit code 0, or 1 when an agent could not connect.
    /// </summary>
    public static async Task<int> ServeAsync(LoadOptions options)
    {
        var report = new AgentReport(Console.Out);
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
            report.Ready();
            while (await Console.In.ReadLineAsync() is { } command)
            {
                if (command != StopReplying)
                    continue;
                await Task.WhenAll(agents.Select(a => a.StopReplyingAsync()));
                report.Stopped();
            }
            return 0;
        }
        catch (Exception ex)
        {
            report.Failed($"{ex.GetType().Name}: {ex.Message}");
            return 1;
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }

    /// <summary>The <c>dotnet</c> host running this program (or the one <c>dotnet test</c> names), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}

/// <summary>The agents' process's half of the line protocol: one line per event on its standard output.</summary>
public sealed class AgentReport(TextWriter output)
{
    public const string ArrivedLine = "arrived";
    public const string SendingLine = "sending";
    public const string AcknowledgedLine = "acked";
    public const string ErrorLine = "error";
    public const string ReadyLine = "ready";
    public const string StoppedLine = "stopped";
    public const string FailedLine = "failed";

    private readonly Lock _lock = new();

    public void Arrived(int agent, string? clientMessageId, long arrivedAt, DateTime storedAt)
    {
        if (clientMessageId is not null)
            Write(string.Create(CultureInfo.InvariantCulture, $"{ArrivedLine} {agent} {clientMessageId} {arrivedAt} {storedAt.ToUniversalTime().Ticks}"));
    }

    public static (int Agent, string ClientMessageId, long ArrivedAt, DateTime StoredAt) ParseArrived(string line)
    {
        var parts = line.Split(' ');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture),
            new DateTime(long.Parse(parts[3], CultureInfo.InvariantCulture), DateTimeKind.Utc));
    }

    public void Sending(string clientMessageId, Guid conversationId) => Write($"{SendingLine} {clientMessageId} {conversationId}");
    public void Acknowledged(string clientMessageId, long seq) => Write(string.Create(CultureInfo.InvariantCulture, $"{AcknowledgedLine} {clientMessageId} {seq}"));
    public void Error(string what) => Write($"{ErrorLine} {what.ReplaceLineEndings(" ")}");
    public void Ready() => Write(ReadyLine);
    public void Stopped() => Write(StoppedLine);
    public void Failed(string why) => Write($"{FailedLine} {why.ReplaceLineEndings(" ")}");

    private void Write(string line)
    {
        lock (_lock)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
