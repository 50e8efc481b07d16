using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Watches a test's Redis: what the nodes published on Portal's channels, when, and who listens on them now. For a
/// failure's message, to tell a message never published from one published to no listener.
/// </summary>
public sealed class RedisChannelWatch : IAsyncDisposable
{
    private static readonly string PortalChannels = $"{Portal.Hosting.RedisScaleOut.KeyPrefix}:*";

    private readonly ConnectionMultiplexer _redis;
    private readonly ConcurrentQueue<string> _published = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private RedisChannelWatch(ConnectionMultiplexer redis) => _redis = redis;

    public static async Task<RedisChannelWatch> StartAsync(RedisServer server)
    {
        var watch = new RedisChannelWatch(await ConnectionMultiplexer.ConnectAsync(server.Configuration));
        await watch._redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(PortalChannels),
            (channel, _) => watch._published.Enqueue($"{watch._clock.Elapsed.TotalSeconds:0.00} s {channel}"));
        return watch;
    }

    /// <summary>The channels published on since the watch began (the last 30) and the listeners now on each group, user, hub and event channel.</summary>
    public async Task<string> DescribeAsync()
    {
        try
        {
            var server = _redis.GetServer(_redis.GetEndPoints()[0]);
            var channels = ((RedisResult[])(await server.ExecuteAsync("PUBSUB", "CHANNELS", PortalChannels))!)
                .Select(c => c.ToString()).Where(c => !c.Contains(":internal:") && !c.Contains(":connection:")).Select(c => (object)c).ToArray();
            var counts = channels.Length == 0 ? [] : (RedisResult[])(await server.ExecuteAsync("PUBSUB", ["NUMSUB", .. channels]))!;
            var listeners = counts.Chunk(2).Select(pair => $"{pair[0]}: {pair[1]}");
            return $"\npublished at (since the watch began): {string.Join(", ", _published.TakeLast(30))}" +
                $"\nlisteners now: {string.Join(", ", listeners)}";
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return $"\nRedis could not be asked: {exception.Message}";
        }
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
