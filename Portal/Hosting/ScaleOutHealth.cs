using StackExchange.Redis;

namespace Portal.Hosting;

/// <summary>Redis went away (hub messages and console events stop crossing nodes) or came back.</summary>
public sealed record ScaleOutChanged(bool Degraded);

/// <summary>
/// Scale-out mode's link to Redis as this node sees it: the console shows a banner while it is down, and when it is back
/// every client is told to fetch what it missed (SPEC §6: nothing is lost; Chatwoot #14703 stopped delivering silently).
/// </summary>
public sealed class ScaleOutHealth : EventStream<ScaleOutChanged>
{
    /// <summary>The hub event that tells widget and agent clients to fetch what they missed (<c>History(afterSeq)</c>).</summary>
    public const string ResyncEvent = "resync";

    private int _degraded;

    /// <summary>Follows the subscription connection of <paramref name="redis"/> (the one the backplane and the relay listen on), if any.</summary>
    public ScaleOutHealth(ILogger<ScaleOutHealth> logger, IConnectionMultiplexer? redis = null)
        : base(logger)
    {
        if (redis is null)
            return;
        redis.ConnectionFailed += (_, failure) =>
        {
            if (failure.ConnectionType == ConnectionType.Subscription && Interlocked.Exchange(ref _degraded, 1) == 0)
                _ = PublishAsync(new ScaleOutChanged(Degraded: true));
        };
        redis.ConnectionRestored += (_, restored) =>
        {
            if (restored.ConnectionType == ConnectionType.Subscription && Interlocked.Exchange(ref _degraded, 0) == 1)
                _ = PublishAsync(new ScaleOutChanged(Degraded: false));
        };
    }

    public bool Degraded => Volatile.Read(ref _degraded) == 1;
}
