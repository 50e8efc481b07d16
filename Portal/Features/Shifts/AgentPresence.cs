using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Shifts;

/// <summary>
/// Agents' presence: what they choose (online, away, offline), and away on their own when their last console tab or
/// hub connection has been closed for <see cref="PresenceOptions.DisconnectGrace"/>, or when they have been idle for
/// <see cref="PresenceOptions.AwayAfterIdle"/>. Someone made away that way is online again as soon as they are back
/// (reconnect or activity); someone who chose away stays away. Stored on the user, published on <see cref="PresenceNotifier"/>.
/// Connections and activity are counted in this process.
/// </summary>
public sealed class AgentPresence(
    IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, PresenceNotifier notifier,
    IOptions<PresenceOptions> options, TimeProvider clock, ILogger<AgentPresence> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Open, long Generation)> _connections = [];
    private readonly ConcurrentDictionary<string, DateTime> _lastActive = new();
    private readonly ConcurrentDictionary<string, bool> _madeAway = new();

    public static bool TryParse(string? text, out Presence presence) =>
        Enum.TryParse(text, ignoreCase: true, out presence) && !int.TryParse(text, out _) && Enum.IsDefined(presence);

    public async Task<Presence> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Presence).FirstOrDefaultAsync(ct);
    }

    /// <summary>The agent chose a presence.</summary>
    public Task SetAsync(string userId, Presence presence, CancellationToken ct = default)
    {
        _madeAway.TryRemove(userId, out _);
        _lastActive[userId] = Now;
        return ChangeAsync(userId, presence, onlyFrom: null, ct);
    }

    /// <summary>A console tab or hub connection of the user opened.</summary>
    public Task ConnectedAsync(string userId)
    {
        lock (_gate)
        {
            var (open, generation) = _connections.GetValueOrDefault(userId);
            _connections[userId] = (open + 1, generation + 1);
        }
        return ActiveAsync(userId);
    }

    /// <summary>A console tab or hub connection of the user closed; after the grace, the last one closing makes them away.</summary>
    public Task DisconnectedAsync(string userId)
    {
        long generation;
        lock (_gate)
        {
            var (open, current) = _connections.GetValueOrDefault(userId);
            if (open > 1)
            {
                _connections[userId] = (open - 1, current);
                return Task.CompletedTask;
            }
            _connections[userId] = (0, current);
            generation = current;
        }
        _ = AwayUnlessBackAsync(userId, generation);
        return Task.CompletedTask;
    }

    /// <summary>The user did something (mouse, keyboard, a hub call).</summary>
    public Task ActiveAsync(string userId)
    {
        _lastActive[userId] = Now;
        return _madeAway.TryRemove(userId, out _)
            ? ChangeAsync(userId, Presence.Online, onlyFrom: Presence.Away, CancellationToken.None)
            : Task.CompletedTask;
    }

    /// <summary>Online agents with no activity for <see cref="PresenceOptions.AwayAfterIdle"/> before <paramref name="now"/> become away.</summary>
    public async Task<int> MarkIdleAgentsAwayAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        List<(string Id, DateTime? ChangedAt)> online;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            online = (await db.Users.AsNoTracking().Where(u => u.Presence == Presence.Online)
                .Select(u => new { u.Id, u.PresenceChangedAt }).ToListAsync(ct)).Select(u => (u.Id, u.PresenceChangedAt)).ToList();
        }
        var idleSince = now.UtcDateTime - options.Value.AwayAfterIdle;
        var marked = 0;
        foreach (var (id, changedAt) in online)
        {
            var lastSeen = _lastActive.TryGetValue(id, out var active) ? active : changedAt ?? DateTime.MinValue;
            if (lastSeen <= idleSince && await MakeAwayAsync(id, ct))
                marked++;
        }
        return marked;
    }

    private async Task AwayUnlessBackAsync(string userId, long generation)
    {
        try
        {
            await Task.Delay(options.Value.DisconnectGrace, clock);
            lock (_gate)
            {
                if (_connections.GetValueOrDefault(userId) != (0, generation))
                    return;
                _connections.Remove(userId);
            }
            await MakeAwayAsync(userId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not mark {UserId} away after their last connection closed", userId);
        }
    }

    private async Task<bool> MakeAwayAsync(string userId, CancellationToken ct)
    {
        if (!await ChangeAsync(userId, Presence.Away, onlyFrom: Presence.Online, ct))
            return false;
        _madeAway[userId] = true;
        return true;
    }

    private async Task<bool> ChangeAsync(string userId, Presence to, Presence? onlyFrom, CancellationToken ct)
    {
        int changed;
        using (await writeGate.EnterAsync(ct))
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var user = db.Users.Where(u => u.Id == userId && u.Presence != to);
            if (onlyFrom is { } from)
                user = user.Where(u => u.Presence == from);
            var now = Now;
            changed = await user.ExecuteUpdateAsync(set => set.SetProperty(u => u.Presence, to).SetProperty(u => u.PresenceChangedAt, now), ct);
        }
        if (changed > 0)
            await notifier.PublishAsync(new PresenceChanged(userId, to));
        return changed > 0;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
