using System.Collections.Immutable;

namespace Portal.Features.Orders;

/// <summary>Orders of a site changed (an agent's action or the shop's sync).</summary>
public sealed record OrdersChanged(Guid SiteId, IReadOnlyCollection<Guid> OrderIds);

/// <summary>In-process notifications of order changes, so open customer panels update without polling.</summary>
public sealed class OrderEvents(ILogger<OrderEvents> logger)
{
    private readonly Lock _gate = new();
    private ImmutableArray<Func<OrdersChanged, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<OrdersChanged, Task> handler)
    {
        lock (_gate) _subscribers = _subscribers.Add(handler);
        return new Subscription(() => { lock (_gate) _subscribers = _subscribers.Remove(handler); });
    }

    public async Task PublishAsync(OrdersChanged change)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber failed to handle a change of {Count} orders", change.OrderIds.Count);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
