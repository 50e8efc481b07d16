using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Portal.Features.Team;

/// <summary>
/// The live sessions of each staff member (agent hub connections and console circuits), so that deactivating
/// someone ends them at once instead of when a cookie or token next renews.
/// </summary>
public sealed class StaffSessions(AccessDirectory access)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _hubConnections = new();
    private event Action<string>? Revoked;

    public void HubConnected(string userId, HubCallerContext connection) =>
        _hubConnections.GetOrAdd(userId, _ => new())[connection.ConnectionId] = connection;

    public void HubDisconnected(string userId, HubCallerContext connection)
    {
        if (_hubConnections.TryGetValue(userId, out var connections))
            connections.TryRemove(connection.ConnectionId, out _);
    }

    /// <summary>Calls <paramref name="onRevoked"/> when <paramref name="userId"/>'s sessions are ended.</summary>
    public IDisposable WatchRevocation(string userId, Action onRevoked)
    {
        void Handler(string revoked)
        {
            if (revoked == userId)
                onRevoked();
        }
        Revoked += Handler;
        return new Unsubscribe(() => Revoked -= Handler);
    }

    /// <summary>
    /// Closes the user's hub connections so their clients reconnect with what they may now see
    /// (hub groups are chosen on connect); console circuits read permissions afresh anyway.
    /// </summary>
    public void Reconnect(string userId)
    {
        access.Forget(userId);
        if (_hubConnections.TryRemove(userId, out var connections))
            foreach (var connection in connections.Values)
                connection.Abort();
    }

    /// <summary>Ends every live session of the user: hub connections are closed, console circuits sign out.</summary>
    public void Revoke(string userId)
    {
        Reconnect(userId);
        Revoked?.Invoke(userId);
    }

    private sealed class Unsubscribe(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
