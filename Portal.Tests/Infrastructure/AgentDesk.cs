using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// An agent's client of /hubs/agent (bearer token, WebSockets without negotiation, automatic reconnect) that keeps every
/// conversation's messages by seq: what the hub pushes, and what it fetches with
/// <c>GET /api/v1/conversations/{id}/messages?afterSeq=</c> when it catches up: after every reconnect for the conversations
/// it knows, and when asked (as the console does when an agent opens a conversation).
/// </summary>
public sealed class AgentDesk : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _api;
    private readonly Lock _gate = new();
    private readonly List<(ChatMessage Message, int Connection)> _pushed = [];
    private readonly Dictionary<Guid, SortedDictionary<long, ChatMessage>> _conversations = [];
    private readonly TaskCompletionSource<long> _reconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reconnects;

    private AgentDesk(HubConnection hub, HttpClient api)
    {
        (_hub, _api) = (hub, api);
        _hub.On<ChatMessage>("message", message =>
        {
            lock (_gate) _pushed.Add((message, _reconnects));
            Keep([message]);
        });
        _hub.Reconnected += connectionId =>
        {
            lock (_gate) _reconnects++;
            _reconnected.TrySetResult(Stopwatch.GetTimestamp());
            // Not awaited: the handler returns at once and catching up runs on its own.
            _ = CatchUpAfterReconnectAsync();
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the first reconnect.</summary>
    public Task<long> Reconnected => _reconnected.Task;

    /// <summary>Completes once the first reconnect's catch-up has fetched what the conversations it knew missed.</summary>
    public Task CaughtUpAfterReconnect => _caughtUp.Task;

    /// <summary>Every message the hub pushed, in arrival order, repeats included.</summary>
    public IReadOnlyList<ChatMessage> Pushed
    {
        get
        {
            lock (_gate) return [.. _pushed.Select(push => push.Message)];
        }
    }

    /// <summary>
    /// The messages the hub pushed more than once, described for a failing test: how many, on which of this desk's
    /// connections (the one before a reconnect or after) each push arrived, and <paramref name="label"/> of the message;
    /// empty when there were none.
    /// </summary>
    public string DescribeRepeats(Func<ChatMessage, string> label)
    {
        lock (_gate)
        {
            var repeats = _pushed.GroupBy(push => push.Message.Id).Where(pushes => pushes.Count() > 1).ToList();
            return repeats.Count == 0 ? "" : $"{repeats.Count} messages were pushed more than once ({_pushed.Count} pushes); by the connections they arrived on " +
                $"(0 = the first, 1 = after the first reconnect, …) and the message: " + string.Join(", ", repeats
                    .GroupBy(pushes => string.Join("+", pushes.Select(push => push.Connection)) + " " + label(pushes.First().Message))
                    .Select(kind => $"{kind.Key}: {kind.Count()}"));
        }
    }

    public HubConnectionState State => _hub.State;

    public static async Task<AgentDesk> OpenAsync(Uri baseAddress, string accessToken)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, PortalAppFactory.AgentHubPath), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .WithAutomaticReconnect()
            .Build();
        var api = new HttpClient { BaseAddress = baseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", accessToken) } };
        var desk = new AgentDesk(hub, api);
        await hub.StartAsync();
        await HubReadiness.JoinedAsync(hub, PortalAppFactory.AgentHubPath);
        return desk;
    }

    /// <summary>The conversation as this desk has it, in seq order (one entry per seq).</summary>
    public IReadOnlyList<ChatMessage> Conversation(Guid conversationId)
    {
        lock (_gate) return _conversations.TryGetValue(conversationId, out var messages) ? [.. messages.Values] : [];
    }

    /// <summary>Fetches, for each conversation, what came after the last seq this desk has without a gap.</summary>
    public async Task CatchUpAsync(IEnumerable<Guid> conversationIds)
    {
        foreach (var id in conversationIds)
        {
            var missed = await _api.GetFromJsonAsync<ChatMessage[]>($"/api/v1/conversations/{id}/messages?afterSeq={SyncedSeq(id)}", Json.Options);
            Keep(missed!);
        }
    }

    /// <summary>The first pushed message that matches, waiting up to 10 s for it.</summary>
    public async Task<ChatMessage> WaitForPushAsync(Func<ChatMessage, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (Pushed.FirstOrDefault(match) is { } message)
                return message;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"No matching message reached the agent within 10 s; {Pushed.Count} others did.");
            await Task.Delay(20);
        }
    }

    public Task<ChatMessage> ReplyAsync(Guid conversationId, string text) =>
        _hub.InvokeAsync<ChatMessage>("Reply", conversationId, Guid.NewGuid().ToString(), text);

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _api.Dispose();
    }

    private async Task CatchUpAfterReconnectAsync()
    {
        try
        {
            List<Guid> known;
            lock (_gate) known = [.. _conversations.Keys];
            await CatchUpAsync(known);
            _caughtUp.TrySetResult();
        }
        catch (Exception failed)
        {
            _caughtUp.TrySetException(failed);
        }
    }

    private void Keep(IEnumerable<ChatMessage> messages)
    {
        lock (_gate)
        {
            foreach (var message in messages)
            {
                if (!_conversations.TryGetValue(message.ConversationId, out var conversation))
                    _conversations[message.ConversationId] = conversation = [];
                conversation.TryAdd(message.Seq, message);
            }
        }
    }

    private long SyncedSeq(Guid conversationId)
    {
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversationId, out var messages))
                return 0;
            var seq = 0L;
            while (messages.ContainsKey(seq + 1))
                seq++;
            return seq;
        }
    }
}
