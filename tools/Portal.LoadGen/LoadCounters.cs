using System.Collections.Concurrent;

namespace Portal.LoadGen;

/// <summary>What happened during a run, counted from every simulated connection at once.</summary>
public sealed class LoadCounters
{
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private long _connected;
    private long _open;
    private long _peakOpen;
    private long _sent;
    private long _replied;
    private long _repeats;
    private long _reordered;

    public long Open => Interlocked.Read(ref _open);
    public long PeakOpen => Interlocked.Read(ref _peakOpen);
    public long ConnectedTotal => Interlocked.Read(ref _connected);
    public long CustomerMessages => Interlocked.Read(ref _sent);
    public long AgentReplies => Interlocked.Read(ref _replied);
    public long Repeats => Interlocked.Read(ref _repeats);
    public long Reordered => Interlocked.Read(ref _reordered);
    public int Errors => _errors.Values.Sum();

    /// <summary>The commonest errors with their counts.</summary>
    public IReadOnlyList<(string Error, int Count)> TopErrors(int count) =>
        _errors.OrderByDescending(e => e.Value).Take(count).Select(e => (e.Key, e.Value)).ToList();

    public void Connected()
    {
        Interlocked.Increment(ref _connected);
        var open = Interlocked.Increment(ref _open);
        long peak;
        while (open > (peak = Interlocked.Read(ref _peakOpen)) && Interlocked.CompareExchange(ref _peakOpen, open, peak) != peak)
        {
        }
    }

    public void Disconnected() => Interlocked.Decrement(ref _open);
    public void Sent() => Interlocked.Increment(ref _sent);
    public void Replied() => Interlocked.Increment(ref _replied);
    public void Repeat() => Interlocked.Increment(ref _repeats);
    public void Reorder() => Interlocked.Increment(ref _reordered);
    public void Error(string what) => _errors.AddOrUpdate(what, 1, (_, n) => n + 1);
}
