using StackExchange.Redis;

namespace Portal.Hosting;

/// <summary>
/// A piece of work only one node should do at a time in scale-out mode (evaluating alert rules, so an alert fires once):
/// the node holding a short Redis lease does it and renews the lease each time; when that node dies the lease runs out
/// and another takes over. With one node (no Redis) this node always has the duty.
/// </summary>
/// <remarks>
/// Not <see cref="Portal.Data.ClusterLock"/>: that one makes each piece of work (a routing pass) exclusive while it runs,
/// and any node may run the next; a duty stays with one node across runs, for work that keeps state in memory between
/// them (alert evaluation's hold windows).
/// </remarks>
public sealed class SingleNodeDuty(IConnectionMultiplexer? redis = null)
{
    private readonly string _node = Guid.NewGuid().ToString("N");

    /// <summary>Whether this node has <paramref name="duty"/> now, taking or renewing a lease of <paramref name="lease"/>.</summary>
    public async Task<bool> HoldAsync(string duty, TimeSpan lease)
    {
        if (redis is null)
            return true;
        var database = redis.GetDatabase();
        var key = new RedisKey($"{RedisScaleOut.KeyPrefix}:duty:{duty}");
        try
        {
            return await database.LockExtendAsync(key, _node, lease) || await database.LockTakeAsync(key, _node, lease);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Redis is away: nobody can tell which node has the duty; none does it until it is back.
            return false;
        }
    }
}
