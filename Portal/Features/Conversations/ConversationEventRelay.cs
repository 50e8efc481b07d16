using System.Text.Json;
using StackExchange.Redis;
using Portal.Hosting;

namespace Portal.Features.Conversations;

/// <summary>
/// Scale-out mode: every conversation event of this node goes to the other nodes over Redis pub/sub, and theirs come
/// here, for the subscribers that show what happens on every node (<see cref="EventStream{TEvent}.SubscribeEveryNode"/>:
/// the console). Pushing to hub clients needs no relay: the SignalR backplane carries those.
/// </summary>
public sealed class ConversationEventRelay(ConversationEvents events, IConnectionMultiplexer redis, ILogger<ConversationEventRelay> logger)
    : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal($"{RedisScaleOut.KeyPrefix}:conversation-events");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _node = Guid.NewGuid().ToString("N");
    private IDisposable? _local;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await redis.GetSubscriber().SubscribeAsync(Channel, OnRelayed);
        _local = events.Subscribe(SendAsync);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _local?.Dispose();
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }

    private async Task SendAsync(ConversationEvent @event)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new RelayedEvent(_node, @event), Json));
        }
        catch (RedisException exception)
        {
            // The event happened and is stored; other nodes' consoles catch up when they next load the conversation.
            logger.LogWarning(exception, "Could not relay {Event} to the other nodes", @event.GetType().Name);
        }
    }

    // StackExchange.Redis calls this on its own thread; the event is handed on without holding it up.
    private void OnRelayed(RedisChannel channel, RedisValue payload) => _ = ReceiveAsync(payload);

    private async Task ReceiveAsync(RedisValue payload)
    {
        try
        {
            var relayed = JsonSerializer.Deserialize<RelayedEvent>(payload.ToString(), Json);
            if (relayed is not null && relayed.Node != _node)
                await events.PublishFromAnotherNodeAsync(relayed.Event);
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "A relayed conversation event could not be read");
        }
    }

    private sealed record RelayedEvent(string Node, ConversationEvent Event);
}
