namespace Portal.Data;

/// <summary>
/// SQLite takes one writer at a time; queueing writers here (instead of in SQLite's busy-retry loop)
/// keeps message latency low under concurrent sends. On a server database the gate is open.
/// </summary>
public sealed class DatabaseWriteGate(bool serializeWrites)
{
    private readonly SemaphoreSlim? _semaphore = serializeWrites ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Whether writers take turns (SQLite); false on a server database.</summary>
    public bool SerializesWrites => _semaphore is not null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (_semaphore is null)
            return NoRelease.Instance;
        await _semaphore.WaitAsync(cancellationToken);
        return new Release(_semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                semaphore.Release();
        }
    }

    private sealed class NoRelease : IDisposable
    {
        public static readonly NoRelease Instance = new();
        public void Dispose() { }
    }
}
