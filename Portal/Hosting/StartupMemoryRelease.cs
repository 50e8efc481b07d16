namespace Portal.Hosting;

/// <summary>
/// Gives the memory of the start-up work back once it is done: migrating, seeding, loading the intent model and the first
/// report rollup leave tens of megabytes of garbage in the young generations that a quiet shop would otherwise keep
/// resident until traffic comes (SPEC §5: idle memory ≤ 250 MB). One aggressive, compacting collection, once.
/// </summary>
public sealed class StartupMemoryRelease(IHostApplicationLifetime lifetime, ILogger<StartupMemoryRelease> logger) : BackgroundService
{
    /// <summary>Long enough for the start-up background work (model load, first rollup) to have finished on two cores.</summary>
    private static readonly TimeSpan AfterStart = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        await Task.Delay(AfterStart, stoppingToken);
        var before = GC.GetTotalMemory(forceFullCollection: false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogDebug("Released start-up memory: managed heap {Before} → {After} bytes", before, GC.GetTotalMemory(forceFullCollection: false));
    }
}
