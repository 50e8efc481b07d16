using System.Collections.Concurrent;

namespace Portal.LoadGen;

/// <summary>
/// The customers who only keep the widget open (most of them) are held by a process of their own
/// (<see cref="ChildProcess"/>, <c>--role idle-customers</c>): they never send, and in the process of the chatting ones
/// their connections made every GC pause long (10,000 connections: 60–120 ms), during which the chatting customers'
/// messages piled up and then went out at once, a burst no shop's customers make. The run asks for each idle customer
/// at its moment of the ramp; this side counts what the idle customers' process reports.
/// </summary>
public sealed class IdleCustomersProcess : IAsyncDisposable
{
    private const string Connect = "connect";
    private const string Attempted = "attempted";
    private const string Connected = "connected";
    private const string Disconnected = "disconnected";
    private const string Error = "error";
    private const string Ready = "ready";

    private readonly LoadCounters _counters;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ChildProcess _child;
    private int _requested;
    private int _attempted;

    private IdleCustomersProcess(LoadOptions options, LoadCounters counters)
    {
        _counters = counters;
        _child = ChildProcess.Start(LoadRole.IdleCustomers, options.IdleCustomersProcessArguments(), Apply);
        _ = _child.Ended.ContinueWith(_ => _ready.TrySetException(new InvalidOperationException("The idle customers' process ended.")), TaskScheduler.Default);
    }

    public static async Task<IdleCustomersProcess> StartAsync(LoadOptions options, LoadCounters counters, CancellationToken ct)
    {
        var idle = new IdleCustomersProcess(options, counters);
        try
        {
            await idle._ready.Task.WaitAsync(ct);
        }
        catch
        {
            await idle.DisposeAsync();
            throw;
        }
        return idle;
    }

    /// <summary>One more idle customer opens the widget (returns once asked, not once connected).</summary>
    public Task ConnectOneAsync()
    {
        Interlocked.Increment(ref _requested);
        return _child.SendAsync(Connect);
    }

    /// <summary>Returns once every idle customer asked for has connected or failed to.</summary>
    public async Task AllAttemptedAsync(CancellationToken ct)
    {
        while (Volatile.Read(ref _attempted) < Volatile.Read(ref _requested) && !_child.Ended.IsCompleted)
            await Task.Delay(100, ct);
    }

    public ValueTask DisposeAsync() => _child.DisposeAsync();

    private void Apply(string kind, string rest)
    {
        switch (kind)
        {
            case Attempted:
                Interlocked.Increment(ref _attempted);
                break;
            case Connected:
                _counters.Connected();
                break;
            case Disconnected:
                _counters.Disconnected();
                break;
            case Error:
                _counters.Error(rest);
                break;
            case Ready:
                _ready.TrySetResult();
                break;
        }
    }

    /// <summary>
    /// The idle customers' side: one customer per <c>connect</c> line on standard input (at most 100 connecting at once),
    /// each reported; at the end of standard input all disconnect and it returns.
    /// </summary>
    public static async Task<int> ServeAsync(LoadOptions options)
    {
        await using var report = ChildReport.ToStandardOutput();
        var events = new Events(report);
        var ledger = new DeliveryLedger();
        using var addresses = new SourceAddresses(options.SourceAddresses, options.FirstSourceAddress);
        using var slots = new SemaphoreSlim(LoadRun.ConcurrentConnects);
        var customers = new ConcurrentBag<SimulatedCustomer>();
        var connects = new List<Task>();
        report.Write(Ready);
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command != Connect)
                continue;
            connects.Add(Task.Run(async () =>
            {
                await slots.WaitAsync();
                try
                {
                    var customer = new SimulatedCustomer(options, addresses, ledger, events);
                    customers.Add(customer);
                    await customer.ConnectAsync(CancellationToken.None);
                }
                finally
                {
                    slots.Release();
                    report.Write(Attempted);
                }
            }));
        }
        await Task.WhenAll(connects);
        await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = LoadRun.ConcurrentConnects }, (c, _) => c.DisposeAsync());
        return 0;
    }

    private sealed class Events(ChildReport report) : ICustomerEvents
    {
        public void Connected() => report.Write(IdleCustomersProcess.Connected);
        public void Disconnected() => report.Write(IdleCustomersProcess.Disconnected);
        public void Error(string what) => report.Write($"{IdleCustomersProcess.Error} {what}");

        // An idle customer sends nothing and hears nothing of its own.
        public void Sent() { }
        public void Repeat() { }
        public void Reorder() { }
    }
}
