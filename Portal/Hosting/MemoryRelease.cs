namespace Portal.Hosting;

/// <summary>
/// Gives memory back to the machine when the server has grown and gone quiet. Once after start-up (migrating, seeding,
/// loading the intent model and the first report rollup leave tens of megabytes of garbage that a quiet shop would
/// otherwise keep resident until traffic comes: SPEC §5, idle memory ≤ 250 MB), and again whenever the managed heap has
/// grown by <see cref="MemoryReleasePolicy.Growth"/> since the last release and the last check saw little allocation (a
/// rush of customers opening the widget is over): one aggressive, compacting collection that also returns the free
/// regions to the operating system. Under steady traffic it never runs, so it never pauses a busy server.
/// </summary>
public sealed class MemoryRelease(IHostApplicationLifetime lifetime, ILogger<MemoryRelease> logger) : BackgroundService
{
    /// <summary>Long enough for the start-up background work (model load, first rollup) to have finished on two cores.</summary>
    private static readonly TimeSpan AfterStart = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        await Task.Delay(AfterStart, stoppingToken);
        var policy = new MemoryReleasePolicy(Release("start-up"), GC.GetTotalAllocatedBytes());

        using var checks = new PeriodicTimer(CheckEvery);
        while (await checks.WaitForNextTickAsync(stoppingToken))
        {
            if (policy.ShouldRelease(GC.GetGCMemoryInfo().TotalCommittedBytes, GC.GetTotalAllocatedBytes()))
                policy.Released(Release("quiet after growth"), GC.GetTotalAllocatedBytes());
        }
    }

    /// <returns>The managed heap's committed bytes afterwards.</returns>
    private long Release(string reason)
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        logger.LogInformation("Released memory ({Reason}): managed heap committed {Before} → {After} MB, {Pause} ms",
            reason, before >> 20, after.TotalCommittedBytes >> 20, after.PauseDurations[0].TotalMilliseconds);
        return after.TotalCommittedBytes;
    }
}

/// <summary>
/// When <see cref="MemoryRelease"/> collects: the managed heap committed <see cref="Growth"/> more than after the last
/// release, and less than <see cref="QuietAllocation"/> was allocated since the previous check (at 1,000 messages a
/// second the server allocates ~50 MB a second: a busy server is never paused for this).
/// </summary>
public sealed class MemoryReleasePolicy(long committedAfterRelease, long allocatedAtRelease)
{
    public const long Growth = 32L << 20;
    public const long QuietAllocation = 64L << 20;

    private long _committedAfterRelease = committedAfterRelease;
    private long _allocatedAtLastCheck = allocatedAtRelease;

    /// <param name="committed">The managed heap's committed bytes now.</param>
    /// <param name="allocated">The process's total allocated bytes so far (<see cref="GC.GetTotalAllocatedBytes"/>).</param>
    public bool ShouldRelease(long committed, long allocated)
    {
        var quiet = allocated - _allocatedAtLastCheck < QuietAllocation;
        _allocatedAtLastCheck = allocated;
        return quiet && committed - _committedAfterRelease >= Growth;
    }

    public void Released(long committedAfter, long allocated) => (_committedAfterRelease, _allocatedAtLastCheck) = (committedAfter, allocated);
}
