using System.Threading.RateLimiting;

namespace Portal.LoadGen;

/// <summary>
/// Keeps the customers' sends as even as a crowd of shoppers makes them. Each customer waits its own exponential think
/// time, so together they send a Poisson stream; but while this process stops for a garbage collection (35–60 ms with
/// 10,000 client connections) the think times that run out pile up, and 50–150 messages would leave in the same
/// millisecond afterwards: a burst independent people never make, which measured the generator's pauses rather than the
/// server. Sends pass at once while they stay within a token bucket (<see cref="Burst"/> at a time, refilled at twice the
/// target rate: a Poisson stream at the target rate almost never reaches it) and a backlog leaves at that rate instead.
/// Latency is timed from the actual send either way.
/// </summary>
public sealed class SendPacer : IDisposable
{
    /// <summary>Sends that may leave together: a Poisson stream at 1,000/s has more than 20 in a 10 ms window in about one window of 600.</summary>
    public const int Burst = 20;

    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(5);

    private readonly TokenBucketRateLimiter _bucket;

    public SendPacer(double messagesPerSecond) =>
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = Math.Max(1, (int)Math.Round(2 * messagesPerSecond * Period.TotalSeconds)),
            ReplenishmentPeriod = Period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

    /// <summary>Returns when this send may leave.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        using var lease = await _bucket.AcquireAsync(1, ct);
    }

    public void Dispose() => _bucket.Dispose();
}
