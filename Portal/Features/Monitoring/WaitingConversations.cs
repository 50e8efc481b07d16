using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;
using Portal.Hosting;

namespace Portal.Features.Monitoring;

/// <summary>
/// The conversations waiting in a queue for an agent right now, kept from the conversation events (no query per
/// scrape): <c>portal_conversations_waiting</c> at /metrics. Starts from the database, so a restart does not forget them,
/// and reads it again when Redis comes back in scale-out mode, since the other nodes' events of the outage never came.
/// </summary>
public sealed class WaitingConversations : IHostedService
{
    private readonly ConcurrentDictionary<Guid, DateTime> _waiting = new();
    private readonly ConversationEvents _events;
    private readonly ScaleOutHealth _scaleOut;
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly ILogger<WaitingConversations> _logger;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    /// <summary>The conversations an event changed while the database was being read: their event is newer than what was read.</summary>
    private ConcurrentDictionary<Guid, bool>? _changedWhileReading;
    private IDisposable? _subscription;
    private IDisposable? _recovery;

    public WaitingConversations(ConversationEvents events, ScaleOutHealth scaleOut, IDbContextFactory<PortalDbContext> dbFactory,
        IMeterFactory meters, ILogger<WaitingConversations> logger)
    {
        (_events, _scaleOut, _dbFactory, _logger) = (events, scaleOut, dbFactory, logger);
        meters.Create(PortalMetrics.MeterName).CreateObservableGauge("portal.conversations.waiting", () => _waiting.Count,
            description: "Conversations waiting in a queue for an agent.");
    }

    public int Count => _waiting.Count;

    /// <summary>How long the conversation that has waited longest has waited, or zero when none waits.</summary>
    public TimeSpan LongestWait(DateTime now) => _waiting.IsEmpty ? TimeSpan.Zero : now - _waiting.Values.Min();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Every node's events: a conversation queued here may be answered on another node.
        _subscription = _events.SubscribeEveryNode(OnEventAsync);
        _recovery = _scaleOut.Subscribe(OnScaleOutChangedAsync);
        await ReloadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _recovery?.Dispose();
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task OnEventAsync(ConversationEvent @event)
    {
        if (@event is ConversationChanged { Conversation: var conversation })
        {
            _changedWhileReading?.TryAdd(conversation.Id, true);
            if (conversation is { QueuedAt: { } since, AssigneeId: null } && conversation.Status != ConversationStatus.Closed)
                _waiting[conversation.Id] = since;
            else
                _waiting.TryRemove(conversation.Id, out _);
        }
        return Task.CompletedTask;
    }

    private async Task OnScaleOutChangedAsync(ScaleOutChanged change)
    {
        if (change.Degraded)
            return;
        try
        {
            await ReloadAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The figure stays as the events left it; the next recovery or restart reads it again.
            _logger.LogWarning(exception, "Could not read the waiting conversations again after Redis came back");
        }
    }

    /// <summary>
    /// Makes the set what the database says, except for conversations an event changed meanwhile (the event is newer).
    /// </summary>
    private async Task ReloadAsync(CancellationToken ct)
    {
        await _reloading.WaitAsync(ct);
        try
        {
            var before = _waiting.Keys.ToHashSet();
            var changed = _changedWhileReading = new ConcurrentDictionary<Guid, bool>();
            Dictionary<Guid, DateTime> queued;
            await using (var db = await _dbFactory.CreateDbContextAsync(ct))
            {
                queued = await db.Conversations.AsNoTracking()
                    .Where(c => c.QueuedAt != null && c.AssigneeId == null && c.Status != ConversationStatus.Closed)
                    .ToDictionaryAsync(c => c.Id, c => c.QueuedAt!.Value, ct);
            }
            _changedWhileReading = null;
            foreach (var (id, since) in queued.Where(q => !changed.ContainsKey(q.Key)))
                _waiting[id] = since;
            foreach (var id in before.Where(id => !queued.ContainsKey(id) && !changed.ContainsKey(id)))
                _waiting.TryRemove(id, out _);
        }
        finally
        {
            _reloading.Release();
        }
    }
}
