using System.Collections.Immutable;

namespace Portal.Hosting;

/// <summary>
/// An in-process stream of one kind of event (CONVENTIONS 6): whoever changes something publishes after storing it;
/// pages, hubs and services subscribe, and <see cref="Subscribe"/>'s result ends the subscription.
/// One failing subscriber (a closed console tab) never stops delivery to the others.
/// </summary>
public abstract class EventStream<TEvent>(ILogger logger)
{
    private readonly Lock _gate = new();
    private ImmutableArray<Func<TEvent, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<TEvent, Task> handler)
    {
        lock (_gate) _subscribers = _subscribers.Add(handler);
        return new Subscription(() => { lock (_gate) _subscribers = _subscribers.Remove(handler); });
    }

    public async Task PublishAsync(TEvent @event)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(@event);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber failed to handle {Event}", @event);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
