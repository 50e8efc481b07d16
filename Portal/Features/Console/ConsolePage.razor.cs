using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Features.Bot.Handover;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Routing;
using Portal.Features.Routing.Pages;
using Portal.Features.Team;
using Portal.Hosting;

namespace Portal.Features.Console;

/// <summary>
/// The agent console: conversation list, the open conversation and the customer panel,
/// all kept live by <see cref="ConversationEvents"/> (no polling).
/// </summary>
public sealed partial class ConsolePage
{
    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(6);

    private IReadOnlyList<ConversationDto> _conversations = [];
    private ConversationDto? _selected;
    private List<MessageDto> _messages = [];
    private Contact? _contact;
    private ConsoleView _view = ConsoleView.All;
    private ConversationStatus? _status = ConversationStatus.Open;
    private string _query = "";
    private bool _soundOn;
    private DateTime? _customerTypingUntil;
    private CurrentAgent _agent = default!;
    private Viewer _viewer = default!;
    private UserAccess _access = UserAccess.None;
    private IDisposable? _subscription;
    private IDisposable? _outages;

    [Parameter] public Guid? ConversationId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private ConversationQueries Queries { get; set; } = default!;
    [Inject] private ConversationMessages Messages { get; set; } = default!;
    [Inject] private ConversationActions Actions { get; set; } = default!;
    [Inject] private ConversationEvents Events { get; set; } = default!;
    [Inject] private ScaleOutHealth ScaleOut { get; set; } = default!;
    [Inject] private MessageTracing Tracing { get; set; } = default!;
    [Inject] private ContactDirectory Contacts { get; set; } = default!;
    [Inject] private AccessDirectory Access { get; set; } = default!;
    [Inject] private ConversationTransfers Transfers { get; set; } = default!;
    [Inject] private BotSwitch Bot { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<ConsolePage> Logger { get; set; } = default!;

    private bool _customerTyping => _customerTypingUntil > DateTime.UtcNow;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _agent = CurrentAgent.From(user);
        _viewer = await Viewer.ForAsync(user, Access);
        _access = await Access.GetAsync(_agent.Id);
        await ReloadListAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (ConversationId == _selected?.Id)
            return;
        await OpenAsync(ConversationId);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Subscribing after the first render: prerendering must not leave a subscription behind.
        if (!firstRender)
            return;
        _subscription = Events.SubscribeEveryNode(Dispatch);
        // Back from a Redis outage (scale-out): events from the other nodes were lost meanwhile, so read everything again.
        _outages = ScaleOut.Subscribe(change => change.Degraded ? Task.CompletedTask : InvokeAsync(CatchUpAfterOutageAsync));
        StateHasChanged();
    }

    /// <summary>
    /// Queues the event on this circuit and returns at once: whoever sent the message must not wait for every
    /// open console to re-render. The circuit runs queued work in order, so events stay in order.
    /// </summary>
    private Task Dispatch(ConversationEvent @event)
    {
        InvokeAsync(() => @event is MessageAdded added
                ? Tracing.DeliverAsync("console", added.Message, () => OnEventAsync(@event))
                : OnEventAsync(@event)).ContinueWith(
            failed => Logger.LogWarning(failed.Exception, "The console could not show {Event}", @event.GetType().Name),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    private async Task OpenAsync(Guid? id)
    {
        _customerTypingUntil = null;
        if (id is not { } conversationId || await Queries.FindAsync(conversationId) is not { } conversation || !_viewer.CanSee(conversation))
        {
            (_selected, _messages, _contact) = (null, [], null);
            return;
        }
        _selected = conversation;
        _messages = [.. await Messages.HistoryAsync(conversationId, afterSeq: 0, includePrivate: true, limit: 1000)];
        _contact = await Contacts.FindAsync(conversation.ContactId);
        if (conversation.Unread > 0)
            await Actions.MarkReadByAgentsAsync(conversationId);
    }

    private async Task OnEventAsync(ConversationEvent @event)
    {
        switch (@event)
        {
            case MessageAdded { Conversation: var conversation } when !_viewer.CanSee(conversation):
                return;
            case MessageAdded { Message: var message }:
                if (message.ConversationId == _selected?.Id && _messages.All(m => m.Seq != message.Seq))
                {
                    _messages.Add(message);
                    if (message.Author == MessageAuthor.Customer)
                    {
                        _customerTypingUntil = null;
                        await Actions.MarkReadByAgentsAsync(message.ConversationId);
                    }
                }
                if (message.Author == MessageAuthor.Customer)
                    await NotifyAsync(message);
                break;
            case ConversationChanged { Conversation: var conversation }:
                if (conversation.Id == _selected?.Id)
                {
                    if (_viewer.CanSee(conversation))
                        _selected = conversation;
                    else
                        (_selected, _messages, _contact) = (null, [], null);
                }
                _conversations = ConsoleList.Apply(_conversations, conversation, _view, _status, _viewer, _query);
                break;
            case TypingChanged { Author: "customer" } typing when typing.ConversationId == _selected?.Id:
                _customerTypingUntil = typing.IsTyping ? DateTime.UtcNow + TypingShownFor : null;
                break;
            case ContactChanged changed when changed.ContactId == _contact?.Id:
                _contact = await Contacts.FindAsync(changed.ContactId);
                break;
            default:
                return;
        }
        StateHasChanged();
    }

    private async Task NotifyAsync(MessageDto message)
    {
        var unread = _conversations.Sum(c => c.Unread) + (message.ConversationId == _selected?.Id ? 0 : 1);
        await JS.InvokeVoidAsync("portal.console.notify", unread, _soundOn);
    }

    private async Task CatchUpAfterOutageAsync()
    {
        await ReloadListAsync();
        await OpenAsync(_selected?.Id);
        StateHasChanged();
    }

    private async Task ReloadListAsync()
    {
        var assignee = _view switch
        {
            ConsoleView.Mine => ConversationQueries.Me,
            ConsoleView.Unassigned => ConversationQueries.Unassigned,
            _ => null,
        };
        _conversations = await Queries.ListAsync(new ConversationFilter(_status, assignee, Query: _query), _viewer);
    }

    private async Task ChangeViewAsync(ConsoleView view) { _view = view; await ReloadListAsync(); }

    private async Task ChangeStatusAsync(ConversationStatus? status) { _status = status; await ReloadListAsync(); }

    private async Task ChangeQueryAsync(string query) { _query = query; await ReloadListAsync(); }

    private async Task SendAsync(ReplyBox.Reply reply)
    {
        using var trace = Tracing.StartEntry(MessageSpans.ConsoleReply, _selected!.Id, MessageAuthor.Agent, _selected.Channel);
        try
        {
            var result = await Messages.AppendAsync(new NewMessage(_selected.Id, MessageAuthor.Agent, _agent.Id, _agent.Name,
                reply.Text, reply.ClientMessageId, reply.Private));
            trace.Stored(result.Message);
        }
        catch (MessageRejectedException ex)
        {
            trace.Failed(ex);
            Snackbar.Add(ex.Message, Severity.Warning);
            throw;
        }
    }

    private Task TypingAsync(bool isTyping) =>
        Events.PublishAsync(new TypingChanged(_selected!.Id, "agent", _agent.Id, _agent.Name, isTyping));

    private Task AssignToMeAsync() => Actions.AssignAsync(_selected!.Id, _agent.Id);

    private Task CloseAsync() => Actions.CloseAsync(_selected!.Id);

    /// <summary>The agent takes the conversation from the bot: theirs first, so routing never hands it to someone else.</summary>
    private async Task TakeOverFromBotAsync()
    {
        var id = _selected!.Id;
        if (_selected.AssigneeId is null)
            await Actions.AssignAsync(id, _agent.Id);
        await Bot.SetForConversationAsync(id, active: false, CancellationToken.None);
    }

    private Task HandBackToBotAsync() => Bot.SetForConversationAsync(_selected!.Id, active: true, CancellationToken.None);

    private async Task TransferAsync()
    {
        if (await TransferDialog.AskAsync(Dialogs, _selected!.AssigneeId) is not { } transfer)
            return;
        try
        {
            await Transfers.TransferAsync(_selected.Id, transfer.AgentId, transfer.TeamId, transfer.Note, _viewer, _agent);
            Snackbar.Add("Transferred.", Severity.Success);
        }
        catch (Exception ex) when (ex is TeamValidationException or UnauthorizedAccessException or ConversationNotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private Task ReopenAsync() => Actions.ReopenAsync(_selected!.Id);

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _outages?.Dispose();
        return ValueTask.CompletedTask;
    }
}
