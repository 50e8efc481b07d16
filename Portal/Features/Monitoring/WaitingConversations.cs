using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;

namespace Portal.Features.Monitoring;

/// <summary>
/// The conversations waiting in a queue for an agent right now, kept from the conversation events (no query per
/// scrape): <c>portal_conversations_waiting</c> at /metrics. Starts from the database, so a restart does not forget them.
/// </summary>
public sealed class WaitingConversations : IHostedService
{
    private readonly ConcurrentDictionary<Guid, DateTime> _waiting = new();
    private readonly ConversationEvents _events;
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private IDisposable? _subscription;

    public WaitingConversations(ConversationEvents events, IDbContextFactory<PortalDbContext> dbFactory, IMeterFactory meters)
    {
        (_events, _dbFactory) = (events, dbFactory);
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
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var queued = await db.Conversations.AsNoTracking()
            .Where(c => c.QueuedAt != null && c.AssigneeId == null && c.Status != ConversationStatus.Closed)
            .Select(c => new { c.Id, c.QueuedAt }).ToListAsync(cancellationToken);
        foreach (var conversation in queued)
            _waiting.TryAdd(conversation.Id, conversation.QueuedAt!.Value);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task OnEventAsync(ConversationEvent @event)
    {
        if (@event is ConversationChanged { Conversation: var conversation })
        {
            if (conversation is { QueuedAt: { } since, AssigneeId: null } && conversation.Status != ConversationStatus.Closed)
                _waiting[conversation.Id] = since;
            else
                _waiting.TryRemove(conversation.Id, out _);
        }
        return Task.CompletedTask;
    }
}
