using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Portal.Hosting;

/// <summary>
/// Scale-out mode's Redis (<c>Portal:Redis</c>, SPEC §3): the SignalR backplane, so a message stored on one node reaches
/// widget and agent connections on every node, and the Data Protection keys every node must share. Without the
/// setting Portal is one process and none of this is wired.
/// </summary>
public static class RedisScaleOut
{
    public const string KeyPrefix = "portal";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Portal:Redis"]);

    /// <summary>Connects to Redis when configured and returns the connection, or null in single-node mode.</summary>
    public static IConnectionMultiplexer? AddRedisScaleOut(this WebApplicationBuilder builder, PortalOptions portal, IDataProtectionBuilder dataProtection)
    {
        if (string.IsNullOrWhiteSpace(portal.Redis))
            return null;
        var options = ConfigurationOptions.Parse(portal.Redis);
        // A node starts (and says it is not ready) while Redis is down, and reconnects by itself when it is back.
        options.AbortOnConnectFail = false;
        // Try again every second rather than backing off exponentially: after a longer outage the default waits many
        // seconds past Redis's return before hub messages cross nodes again.
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        // Every pub/sub channel on this connection (the backplane's and the event relay's) is under "portal:", so Portal's
        // traffic can be told apart on a shared Redis. The backplane's own ChannelPrefix applies only to connections it
        // makes itself, not to this one it is given.
        options.ChannelPrefix = RedisChannel.Literal($"{KeyPrefix}:");
        var redis = ConnectionMultiplexer.Connect(options);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        builder.Services.AddSignalR().AddStackExchangeRedis(backplane => backplane.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(redis));
        dataProtection.PersistKeysToStackExchangeRedis(redis, $"{KeyPrefix}:data-protection-keys");
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("redis", _ => new RedisHealthCheck(redis), null, [Health.ReadyTag]));
        return redis;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // Both connections: commands, and the subscriptions the backplane and the event relay listen on.
                var latency = await redis.GetDatabase().PingAsync();
                await redis.GetSubscriber().PingAsync();
                return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer.", exception);
            }
        }
    }
}
