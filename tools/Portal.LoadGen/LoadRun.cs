using System.Globalization;
using System.Diagnostics;

namespace Portal.LoadGen;

/// <summary>
/// One run: agents connect (in a process of their own, <see cref="AgentProcess"/>); customers arrive evenly over the ramp (in random order, the chatting ones among them) and
/// stay; the chatting ones write at the target rate through the hold; then the agents stop answering, the last
/// messages get time to arrive, every chatting customer's conversation is checked against what the server stored, and
/// everyone disconnects.
/// </summary>
public sealed class LoadRun(LoadOptions options, Action<string>? log = null)
{
    private const int ConcurrentConnects = 100;

    private readonly LoadCounters _counters = new();
    private readonly DeliveryLedger _ledger = new();

    public async Task<LoadReport> RunAsync(CancellationToken ct = default)
    {
        using var addresses = new SourceAddresses(options.SourceAddresses, options.FirstSourceAddress);
        var sampler = new ServerSampler(options.ServerPids, _counters);
        var started = DateTime.UtcNow;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var samplerTask = sampler.RunAsync(started, sampling.Token);
        var before = sampler.ResidentBytes();

        await using var agents = await AgentProcess.StartAsync(options, _ledger, _counters, ct);
        var customers = new List<SimulatedCustomer>();
        try
        {
            log?.Invoke($"{options.Agents.Count} agents connected; ramping up {options.Customers} customers over {options.Ramp.TotalSeconds} s");
            // To line the messages up with a trace of the server (perf, bpftrace: the same monotonic clock on Linux).
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"message times count from the monotonic clock's {_ledger.OriginSeconds:F3} s"));

            var holdEnds = DateTime.UtcNow + options.Ramp + options.Hold;
            var chatting = ChattingCustomers();
            var meanThink = options.MessagesPerSecond > 0 ? TimeSpan.FromSeconds(options.Chatting / options.MessagesPerSecond) : TimeSpan.MaxValue;
            var chats = new List<Task>();
            using var pacer = options.Paced && options.MessagesPerSecond > 0 ? new SendPacer(options.MessagesPerSecond) : null;
            using var connectSlots = new SemaphoreSlim(ConcurrentConnects);
            var rampClock = Stopwatch.StartNew();
            var connects = new List<Task>();
            for (var i = 0; i < options.Customers; i++)
            {
                // Read the clock once: read twice, the wait could turn negative between the check and the delay.
                var wait = options.Ramp * i / Math.Max(1, options.Customers) - rampClock.Elapsed;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, ct);
                var customer = new SimulatedCustomer(options, addresses, _ledger, _counters);
                customers.Add(customer);
                var chats_ = chatting.Contains(i);
                var seed = i;
                connects.Add(Task.Run(async () =>
                {
                    await connectSlots.WaitAsync(ct);
                    bool connected;
                    try
                    {
                        connected = await customer.ConnectAsync(ct);
                    }
                    finally
                    {
                        connectSlots.Release();
                    }
                    if (connected && chats_)
                        lock (chats)
                            chats.Add(customer.ChatAsync(meanThink, holdEnds, new Random(seed), pacer, ct));
                }, ct));
            }
            await Task.WhenAll(connects);
            var sentAtHoldStart = _counters.CustomerMessages;
            _ledger.HoldStarts();
            var holdStarted = Stopwatch.StartNew();
            log?.Invoke($"{_counters.Open} customers connected after {rampClock.Elapsed.TotalSeconds:F1} s; holding until {holdEnds:HH:mm:ss}");

            var remaining = holdEnds - DateTime.UtcNow;
            if (remaining > TimeSpan.Zero)
                await Task.Delay(remaining, ct);
            Task[] chatTasks;
            lock (chats)
                chatTasks = chats.ToArray();
            await Task.WhenAll(chatTasks);
            var heldAtEnd = _counters.Open;
            // Memory per connection is read at the end of the hold: right after the ramp the server still holds the
            // garbage of thousands of session requests.
            var held = sampler.ResidentBytes();
            var holdRate = (_counters.CustomerMessages - sentAtHoldStart) / Math.Max(0.001, holdStarted.Elapsed.TotalSeconds);

            await agents.StopReplyingAsync();
            await DrainAsync(ct);
            var verified = await VerifyAsync(customers.Where((_, i) => chatting.Contains(i)).ToList(), ct);
            await sampling.CancelAsync();
            await samplerTask;
            if (options.MessagesCsvPath is { } csv)
                await File.WriteAllLinesAsync(csv, _ledger.Deliveries.Select(d => d.ToCsv()).Prepend("sent_s,by,latency_ms,send_to_stored_ms"), ct);
            return Report(sampler, before, held, heldAtEnd, holdRate, verified);
        }
        finally
        {
            await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentConnects }, (c, _) => c.DisposeAsync());
        }
    }

    private HashSet<int> ChattingCustomers()
    {
        var random = new Random(42);
        return Enumerable.Range(0, options.Customers).OrderBy(_ => random.Next()).Take(options.Chatting).ToHashSet();
    }

    /// <summary>Waits until every acknowledged message has reached the other side, or the drain time is up.</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + options.Drain;
        while (DateTime.UtcNow < deadline && (_ledger.Undelivered(byCustomer: true) > 0 || _ledger.Undelivered(byCustomer: false) > 0))
            await Task.Delay(200, ct);
    }

    private async Task<(int Lost, int Duplicated, int Gaps)> VerifyAsync(IReadOnlyList<SimulatedCustomer> chatting, CancellationToken ct)
    {
        var (lost, duplicated, gaps) = (0, 0, 0);
        await Parallel.ForEachAsync(chatting, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (customer, token) =>
        {
            try
            {
                var result = await customer.VerifyAsync(token);
                Interlocked.Add(ref lost, result.Lost);
                Interlocked.Add(ref duplicated, result.Duplicated);
                Interlocked.Add(ref gaps, result.Gaps);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                _counters.Error($"verify: {ex.GetType().Name}");
            }
        });
        return (lost, duplicated, gaps);
    }

    private LoadReport Report(ServerSampler sampler, long before, long held, long heldAtEnd, double holdRate, (int Lost, int Duplicated, int Gaps) verified)
    {
        var samples = sampler.Samples;
        var holdSamples = samples.Where(s => s.AtSeconds >= options.Ramp.TotalSeconds && s.AtSeconds <= (options.Ramp + options.Hold).TotalSeconds).ToList();
        var measured = options.ServerPids.Count > 0;
        double? Mb(long bytes) => measured ? Math.Round(bytes / 1048576.0, 1) : null;
        var connections = _counters.PeakOpen + options.Agents.Count;
        var (sendToStored, storedToAgent) = _ledger.CustomerLatencySplit();
        return new LoadReport(
            options.Customers, options.Chatting, options.MessagesPerSecond, options.Ramp.TotalSeconds, options.Hold.TotalSeconds,
            heldAtEnd, _counters.PeakOpen, _counters.CustomerMessages, Math.Round(holdRate, 1), _counters.AgentReplies,
            _ledger.Latency(byCustomer: true), _ledger.CustomerLatencyDuringHold(), sendToStored, storedToAgent, _ledger.Latency(byCustomer: false),
            _counters.Errors, _counters.TopErrors(5).Select(e => $"{e.Error} ×{e.Count}").ToList(),
            _ledger.Unacknowledged(byCustomer: true) + _ledger.Unacknowledged(byCustomer: false),
            verified.Lost + _ledger.Undelivered(byCustomer: true) + _ledger.Undelivered(byCustomer: false),
            verified.Duplicated + _ledger.Duplicates, verified.Gaps, _counters.Repeats, _counters.Reordered,
            Mb(before), Mb(held),
            measured && connections > 0 ? Math.Round((held - before) / 1024.0 / connections, 1) : null,
            samples.Count > 0 ? samples.Max(s => s.CpuPercent) : null,
            holdSamples.Count > 0 ? Math.Round(holdSamples.Average(s => s.CpuPercent), 1) : null,
            samples);
    }
}
