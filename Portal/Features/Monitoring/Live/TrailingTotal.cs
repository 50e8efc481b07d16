namespace Portal.Features.Monitoring.Live;

/// <summary>A running total sampled over time, answering "how much did it grow over the last window".</summary>
internal sealed class TrailingTotal(TimeSpan window)
{
    private readonly Queue<(DateTime At, long Total)> _samples = new();

    /// <summary>Records the total at <paramref name="at"/> and returns its growth since the oldest sample within the window.</summary>
    public long Record(DateTime at, long total)
    {
        _samples.Enqueue((at, total));
        // Keep one sample at or before the window's start, so the growth spans the whole window once there is history.
        while (_samples.Count > 1 && _samples.ElementAt(1).At <= at - window)
            _samples.Dequeue();
        return total - _samples.Peek().Total;
    }
}
