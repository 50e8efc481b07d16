using System.Collections.Immutable;
using Portal.Data;

namespace Portal.Features.Shifts;

/// <summary>An agent's presence changed (by their choice, or idle or disconnect made them away); published after it is stored.</summary>
public sealed record PresenceChanged(string UserId, Presence Presence);

/// <summary>In-process stream of presence changes: routing, the console's presence menu and "who is on now" subscribe.</summary>
public sealed class PresenceNotifier(ILogger<PresenceNotifier> logger)
{
    private readonly Lock _gate = new();
    private ImmutableArray<Func<PresenceChanged, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<PresenceChanged, Task> handler)
    {
        lock (_gate) _subscribers = _subscribers.Add(handler);
        return new Subscription(this, handler);
    }

    public async Task PublishAsync(PresenceChanged change)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(change);
            }
            catch (Exception ex)
            {
                // One broken subscriber (a closed console tab) must not keep the change from the others.
                logger.LogWarning(ex, "A subscriber failed to handle the presence change of {UserId}", change.UserId);
            }
        }
    }

    private void Unsubscribe(Func<PresenceChanged, Task> handler)
    {
        lock (_gate) _subscribers = _subscribers.Remove(handler);
    }

    private sealed class Subscription(PresenceNotifier owner, Func<PresenceChanged, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }
}
