using Microsoft.AspNetCore.SignalR;
using Portal.Features.Monitoring;
using Portal.Hosting;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Team;
using Portal.Features.Widget;

namespace Portal.Features.Conversations;

/// <summary>
/// Decides who hears about each conversation event and pushes it to the hubs (SPEC §4.4). The customer's widget
/// connections get the public side of their own conversation; agents get the events of the conversations they may
/// see (<see cref="Viewer"/>): everyone for unassigned ones, otherwise those with conversations.view.all and the
/// assignee (and the previous assignee, so it leaves their list). This is the one place that decides it.
/// </summary>
public sealed class ConversationAudience(
    ConversationEvents events,
    ConversationQueries queries,
    AccessDirectory access,
    IHubContext<WidgetHub> widgets,
    IHubContext<AgentHub> agents,
    PortalMetrics metrics,
    MessageTracing tracing,
    ScaleOutHealth scaleOut) : IHostedService
{
    /// <summary>Every connected staff member.</summary>
    public const string StaffGroup = "staff";

    /// <summary>Staff who may see every conversation.</summary>
    public const string ViewAllGroup = "staff:view-all";

    /// <summary>Time for the backplane to subscribe again after Redis is back, before clients are told to catch up through it.</summary>
    private static readonly TimeSpan ResubscribeTime = TimeSpan.FromSeconds(1);

    private IDisposable? _subscription;
    private IDisposable? _outages;

    public static string WidgetGroup(Guid conversationId) => $"conversation:{conversationId:N}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(DeliverAsync);
        _outages = scaleOut.Subscribe(ResyncAfterOutageAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _outages?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// While Redis was away, messages stored on one node were not pushed to clients on the others, and those clients cannot
    /// tell: once it is back, every client fetches what it missed by seq.
    /// </summary>
    private async Task ResyncAfterOutageAsync(ScaleOutChanged change)
    {
        if (change.Degraded)
            return;
        await Task.Delay(ResubscribeTime);
        await Task.WhenAll(widgets.Clients.All.SendAsync(ScaleOutHealth.ResyncEvent), agents.Clients.All.SendAsync(ScaleOutHealth.ResyncEvent));
    }

    internal async Task DeliverAsync(ConversationEvent @event)
    {
        var widget = widgets.Clients.Group(WidgetGroup(@event.ConversationId));
        switch (@event)
        {
            case MessageAdded { Message: var message, Conversation: var conversation }:
                var toWidget = message.Private ? Task.CompletedTask : tracing.DeliverAsync("widget", message, () => widget.SendAsync("message", message));
                await Task.WhenAll(toWidget, tracing.DeliverAsync("agents", message, () => ToStaffAsync(conversation.AssigneeId, null, "message", message)));
                metrics.MessageDelivered(message);
                break;
            case ConversationChanged { Conversation: { AssigneeId: not null } conversation, PreviousAssigneeId: null }:
                // Taken from the shared queue: every agent saw it there, so every agent hears it is someone's now (a hub
                // client without conversations.view.all would otherwise keep it, and answer it, as waiting).
                await agents.Clients.Group(StaffGroup).SendAsync("conversation", conversation);
                break;
            case ConversationChanged { Conversation: var conversation, PreviousAssigneeId: var previous }:
                await ToStaffAsync(conversation.AssigneeId, previous, "conversation", conversation);
                break;
            case ConversationClosed closed:
                await widget.SendAsync("closed", new { conversationId = closed.ConversationId });
                break;
            case TypingChanged typing:
                if (typing.Author != "customer")
                    await widget.SendAsync("typing", new { author = typing.Author, authorName = typing.AgentName, isTyping = typing.IsTyping });
                if (await queries.FindAsync(typing.ConversationId) is { } typedIn)
                    await ToStaffAsync(typedIn.AssigneeId, null, "typing", new
                    {
                        conversationId = typing.ConversationId, author = typing.Author, agentId = typing.AgentId, isTyping = typing.IsTyping,
                    });
                break;
        }
    }

    private async Task ToStaffAsync(string? assigneeId, string? previousAssigneeId, string method, object payload)
    {
        if (assigneeId is null)
        {
            await agents.Clients.Group(StaffGroup).SendAsync(method, payload);
            return;
        }
        var sends = new List<Task> { agents.Clients.Group(ViewAllGroup).SendAsync(method, payload) };
        foreach (var userId in new[] { assigneeId, previousAssigneeId }.OfType<string>().Distinct())
        {
            // Those who see everything already heard it through their group.
            if (!(await access.GetAsync(userId)).Has(Permissions.ConversationsViewAll))
                sends.Add(agents.Clients.User(userId).SendAsync(method, payload));
        }
        await Task.WhenAll(sends);
    }
}
