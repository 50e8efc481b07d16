using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.LoadGen;

/// <summary>
/// One agent on /hubs/agent, in the agents' process (<see cref="AgentProcess"/>): hears every customer message it may
/// see (the arrival is timed here) and answers a share of them after a think time, within the server's per-agent reply
/// limit; what happens goes to <paramref name="report"/>. Like a person at the console, it lets go of a conversation
/// another agent took meanwhile (unless it may see everyone's), instead of answering one it may no longer see.
/// </summary>
public sealed class SimulatedAgent(LoadOptions options, SourceAddresses addresses, AgentProcess.Report report, int number) : IAsyncDisposable
{
    /// <summary>Replies one agent may send per minute (Portal:FloodLimits:AgentMessagesPerMinute's default).</summary>
    private const int RepliesPerMinute = 120;

    private readonly Random _random = new();
    private readonly Queue<DateTime> _recentReplies = new();
    private readonly List<Task> _replies = [];
    private readonly ConcurrentDictionary<Guid, bool> _takenByOthers = new();
    private string _userId = "";
    private bool _seesEveryConversation;
    private HubConnection? _hub;
    private CancellationToken _stopping;
    private volatile bool _replying = true;

    public async Task ConnectAsync(string email, string password, CancellationToken ct)
    {
        using var http = new HttpClient(addresses.Next(), disposeHandler: false) { BaseAddress = options.Url };
        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, ct);
        if (!login.IsSuccessStatusCode)
            throw new InvalidOperationException($"{email} could not sign in: HTTP {(int)login.StatusCode}.");
        var token = (await login.Content.ReadFromJsonAsync<LoginResult>(ct))!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = (await http.GetFromJsonAsync<MyPermissions>("/api/v1/me/permissions", ct))!;
        (_userId, _seesEveryConversation) = (me.Person.Id, me.Permissions.Any(p => p.Name == "conversations.view.all"));
        _stopping = ct;
        _hub = addresses.Hub(new Uri(options.Url, "/hubs/agent"), token);
        _hub.On<HubMessage>("message", OnMessage);
        _hub.On<ConversationChange>("conversation", OnConversation);
        await _hub.StartAsync(ct);
    }

    /// <summary>No new replies from now on; returns once those the agent is still thinking about or sending are sent.</summary>
    public Task StopReplyingAsync()
    {
        _replying = false;
        lock (_replies)
            return Task.WhenAll(_replies);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
            await _hub.DisposeAsync();
    }

    private void OnMessage(HubMessage message)
    {
        if (message.Author != "customer" || message.Private)
            return;
        report.Arrived(number, message.ClientMessageId, Stopwatch.GetTimestamp(), message.SentAt);
        if (!WantsToReply())
            return;
        lock (_replies)
            _replies.Add(ReplyAsync(message.ConversationId));
    }

    private void OnConversation(ConversationChange change)
    {
        if (change.AssigneeId is { } assignee && assignee != _userId)
            _takenByOthers[change.Id] = true;
        else
            _takenByOthers.TryRemove(change.Id, out _);
    }

    private bool WantsToReply()
    {
        lock (_random)
        {
            if (!_replying || _random.NextDouble() >= options.ReplyShare)
                return false;
            var now = DateTime.UtcNow;
            while (_recentReplies.Count > 0 && _recentReplies.Peek() < now.AddMinutes(-1))
                _recentReplies.Dequeue();
            if (_recentReplies.Count >= RepliesPerMinute)
                return false;
            _recentReplies.Enqueue(now);
            return true;
        }
    }

    private async Task ReplyAsync(Guid conversationId)
    {
        TimeSpan think;
        string text;
        lock (_random)
            (think, text) = (ChatScript.AgentThinkTime(_random), ChatScript.AgentReply(_random));
        try
        {
            await Task.Delay(think, _stopping);
            if (!_seesEveryConversation && _takenByOthers.ContainsKey(conversationId))
                return;
            var clientMessageId = DeliveryLedger.NewClientMessageId(byCustomer: false);
            report.Sending(clientMessageId, conversationId);
            var stored = await _hub!.InvokeAsync<HubMessage>("Reply", conversationId, clientMessageId, text, _stopping);
            report.Acknowledged(clientMessageId, stored.Seq);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The run ended while the agent was thinking.
        }
        catch (Exception ex)
        {
            report.Error($"reply: {ex.GetType().Name}");
        }
    }

    private sealed record LoginResult(string AccessToken);
    private sealed record MyPermissions(Person Person, IReadOnlyList<Permission> Permissions);
    private sealed record Person(string Id);
    private sealed record Permission(string Name);
    private sealed record ConversationChange(Guid Id, string? AssigneeId);
}
