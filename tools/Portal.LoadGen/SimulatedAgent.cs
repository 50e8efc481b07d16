using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.LoadGen;

/// <summary>
/// One agent on /hubs/agent, in the agents' process (<see cref="AgentProcess"/>): hears every customer message it may
/// see (the arrival is timed here) and answers a share of them after a think time, within the server's per-agent reply
/// limit; what happens goes to <paramref name="report"/>.
/// </summary>
public sealed class SimulatedAgent(LoadOptions options, SourceAddresses addresses, AgentProcess.Report report, int number) : IAsyncDisposable
{
    /// <summary>Replies one agent may send per minute (Portal:FloodLimits:AgentMessagesPerMinute's default).</summary>
    private const int RepliesPerMinute = 120;

    private readonly Random _random = new();
    private readonly Queue<DateTime> _recentReplies = new();
    private readonly List<Task> _replies = [];
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
        _stopping = ct;
        _hub = addresses.Hub(new Uri(options.Url, "/hubs/agent"), token);
        _hub.On<HubMessage>("message", OnMessage);
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
}
