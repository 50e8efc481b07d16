using System.Collections.Immutable;

namespace Portal.Hosting;

/// <summary>
/// An in-process stream of one kind of event (CONVENTIONS 6): whoever changes something publishes after storing it;
/// pages, hubs and services subscribe, and a subscription's result ends it.
/// One failing subscriber (a closed console tab) never stops delivery to the others.
/// </summary>
public abstract class EventStream<TEvent>(ILogger logger)
{
    private readonly Lock _gate = new();
    private ImmutableArray<Func<TEvent, Task>> _subscribers = [];
    private ImmutableArray<Func<TEvent, Task>> _everyNodeSubscribers = [];

    /// <summary>
    /// Hears the events published in this process. What acts on an event (pushes it to clients, answers, routes) subscribes
    /// here, so that with several nodes it acts once, on the node where the event happened.
    /// </summary>
    public IDisposable Subscribe(Func<TEvent, Task> handler)
    {
        lock (_gate) _subscribers = _subscribers.Add(handler);
        return new Subscription(() => { lock (_gate) _subscribers = _subscribers.Remove(handler); });
    }

    /// <summary>
    /// Hears this process's events and, in scale-out mode, those of every other node too: for what people look at (the
    /// console's lists and conversation), which must show what happened wherever it happened.
    /// </summary>
    public IDisposable SubscribeEveryNode(Func<TEvent, Task> handler)
    {
        lock (_gate) _everyNodeSubscribers = _everyNodeSubscribers.Add(handler);
        return new Subscription(() => { lock (_gate) _everyNodeSubscribers = _everyNodeSubscribers.Remove(handler); });
    }

    public async Task PublishAsync(TEvent @event)
    {
        await DeliverAsync(_subscribers, @event);
        await DeliverAsync(_everyNodeSubscribers, @event);
    }

    /// <summary>An event another node published (relayed in scale-out mode): only <see cref="SubscribeEveryNode"/> hears it.</summary>
    public Task PublishFromAnotherNodeAsync(TEvent @event) => DeliverAsync(_everyNodeSubscribers, @event);

    private async Task DeliverAsync(ImmutableArray<Func<TEvent, Task>> subscribers, TEvent @event)
    {
        foreach (var subscriber in subscribers)
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
