using System.Text.Json;
using StackExchange.Redis;

namespace Portal.Hosting;

/// <summary>
/// Scale-out mode: every event this node publishes on <typeparamref name="TStream"/> goes to the other nodes over Redis
/// pub/sub, and theirs come here, for the subscribers that show what happens on every node
/// (<see cref="EventStream{TEvent}.SubscribeEveryNode"/>). Pushing to hub clients needs no relay: the SignalR backplane
/// carries those.
/// </summary>
public sealed class RedisEventRelay<TStream, TEvent>(TStream events, IConnectionMultiplexer redis, ILogger<RedisEventRelay<TStream, TEvent>> logger)
    : IHostedService
    where TStream : EventStream<TEvent>
{
    private static readonly RedisChannel Channel = RedisChannel.Literal($"events:{typeof(TStream).Name}");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _node = Guid.NewGuid().ToString("N");
    private IDisposable? _local;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _local = events.Subscribe(SendAsync);
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, OnRelayed);
        }
        catch (RedisConnectionException exception)
        {
            // Redis is away while this node starts (a restart, a failover): the node starts anyway and is not ready
            // (/readyz) until Redis is back; the multiplexer keeps the subscription and makes it again when it reconnects.
            logger.LogWarning(exception, "Redis is not reachable; {Stream} events from other nodes arrive once it is", typeof(TStream).Name);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _local?.Dispose();
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }

    private async Task SendAsync(TEvent @event)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new RelayedEvent(_node, @event), Json));
        }
        catch (RedisException exception)
        {
            // The change is stored; other nodes' pages catch up when Redis is back (ScaleOutHealth) or they next load.
            logger.LogWarning(exception, "Could not relay {Event} to the other nodes", @event?.GetType().Name);
        }
    }

    // StackExchange.Redis calls this on its own thread; the event is handed on without holding it up.
    private void OnRelayed(RedisChannel channel, RedisValue payload) => _ = ReceiveAsync(payload);

    private async Task ReceiveAsync(RedisValue payload)
    {
        try
        {
            var relayed = JsonSerializer.Deserialize<RelayedEvent>(payload.ToString(), Json);
            if (relayed is { Event: { } @event } && relayed.Node != _node)
                await events.PublishFromAnotherNodeAsync(@event);
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "A relayed {Stream} event could not be read", typeof(TStream).Name);
        }
    }

    private sealed record RelayedEvent(string Node, TEvent Event);
}
