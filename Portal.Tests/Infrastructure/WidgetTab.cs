using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// One customer's widget speaking /hubs/widget the way the real one does (Portal.Widget/src/frame: hub.js, outbox.js,
/// index.js): WebSockets without negotiation, so any node behind the proxy will do; automatic reconnect after 0, 1, 2, 5,
/// 10 s and then every 15 s, with ±20 % jitter; typed messages wait in an outbox and are sent oldest first, one at a time,
/// each with its clientMessageId; after every (re)connect it first fetches what it missed with History(syncedSeq), drops
/// from the outbox what that shows stored, then sends the rest with the same clientMessageIds.
/// </summary>
public sealed class WidgetTab : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ChatMessage> _store = [];
    private readonly List<(string ClientMessageId, string Text)> _outbox = [];
    private readonly Dictionary<string, long> _acknowledged = [];
    private readonly List<string> _refused = [];
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly TaskCompletionSource<long> _reconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _outboxEmptied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long _droppedAt;

    private WidgetTab(HubConnection hub, WidgetSession session)
    {
        (_hub, Session) = (hub, session);
        _hub.On<ChatMessage>("message", Receive);
        _hub.Reconnecting += _ =>
        {
            lock (_gate)
            {
                if (_droppedAt == 0)
                    (_droppedAt, InFlightWhenDropped) = (Stopwatch.GetTimestamp(), _outbox.Count > 0 ? _outbox[0] : null);
            }
            return Task.CompletedTask;
        };
        _hub.Reconnected += connectionId =>
        {
            _reconnected.TrySetResult(Stopwatch.GetTimestamp());
            // Not awaited: the handler returns at once and catching up runs on its own, as the widget's onConnected does.
            _ = OnConnectedAsync();
            return Task.CompletedTask;
        };
    }

    public WidgetSession Session { get; }

    /// <summary>When (a <see cref="Stopwatch"/> timestamp) this tab first lost its connection, or 0 if it never has.</summary>
    public long DroppedAt
    {
        get
        {
            lock (_gate) return _droppedAt;
        }
    }

    /// <summary>The message being sent when the connection first dropped (the outbox sends one at a time), if any.</summary>
    public (string ClientMessageId, string Text)? InFlightWhenDropped { get; private set; }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the first reconnect.</summary>
    public Task<long> Reconnected => _reconnected.Task;

    /// <summary>The conversation as this tab shows it: every message it received or fetched, once each, in seq order.</summary>
    public IReadOnlyList<ChatMessage> Messages
    {
        get
        {
            lock (_gate) return [.. _store.Values.OrderBy(m => m.Seq)];
        }
    }

    /// <summary>The seq each Send call answered, by clientMessageId: what the server acknowledged to this tab.</summary>
    public IReadOnlyDictionary<string, long> Acknowledged
    {
        get
        {
            lock (_gate) return new Dictionary<string, long>(_acknowledged);
        }
    }

    /// <summary>Messages the server refused while connected (too fast, too long, …), with its reason.</summary>
    public IReadOnlyList<string> Refused
    {
        get
        {
            lock (_gate) return [.. _refused];
        }
    }

    public HubConnectionState State => _hub.State;

    public static async Task<WidgetTab> OpenAsync(Uri baseAddress, WidgetSession session)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, PortalAppFactory.WidgetHubPath), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(session.VisitorToken);
            })
            .WithAutomaticReconnect(new WidgetRetryPolicy())
            .Build();
        var tab = new WidgetTab(hub, session);
        await hub.StartAsync();
        await tab.OnConnectedAsync();
        return tab;
    }

    /// <summary>Puts messages in the outbox (each with a new clientMessageId) and starts sending them; returns their ids.</summary>
    public IReadOnlyList<string> Type(IEnumerable<string> texts)
    {
        var ids = new List<string>();
        lock (_gate)
        {
            foreach (var text in texts)
            {
                var id = Guid.NewGuid().ToString();
                _outbox.Add((id, text));
                ids.Add(id);
            }
            if (_outboxEmptied.Task.IsCompleted)
                _outboxEmptied = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _ = FlushAsync();
        return ids;
    }

    /// <summary>Completes once the server has stored everything typed so far.</summary>
    public Task OutboxEmptied
    {
        get
        {
            lock (_gate) return _outbox.Count == 0 ? Task.CompletedTask : _outboxEmptied.Task;
        }
    }

    /// <summary>Waits until this tab shows the message (pushed or fetched).</summary>
    public async Task WaitForAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Messages.Any(m => m.Id == messageId))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Message {messageId} did not reach the customer's widget within 10 s.");
            await Task.Delay(20);
        }
    }

    public Task<ChatMessage[]> HistoryAsync(long afterSeq) => _hub.InvokeAsync<ChatMessage[]>("History", afterSeq);

    /// <summary>Sends once more with a clientMessageId already used, as a second tab reading the shared outbox late would.</summary>
    public Task<ChatMessage> ResendAsync(string clientMessageId, string text) => _hub.InvokeAsync<ChatMessage>("Send", clientMessageId, text);

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private async Task OnConnectedAsync()
    {
        if (!await CatchUpAsync())
            return;
        await FlushAsync();
    }

    /// <summary>False when the connection dropped meanwhile; the next connect catches up.</summary>
    private async Task<bool> CatchUpAsync()
    {
        try
        {
            foreach (var message in await HistoryAsync(SyncedSeq()))
                Receive(message);
            return true;
        }
        catch (Exception dropped) when (dropped is not HubException)
        {
            return false;
        }
    }

    private async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            while (NextToSend() is { } item)
            {
                try
                {
                    var stored = await _hub.InvokeAsync<ChatMessage>("Send", item.ClientMessageId, item.Text);
                    lock (_gate) _acknowledged[item.ClientMessageId] = stored.Seq;
                    Receive(stored);
                }
                catch (Exception dropped) when (dropped is not HubException)
                {
                    return; // the connection dropped: the next connect catches up and sends the rest
                }
                catch (HubException refused)
                {
                    lock (_gate)
                    {
                        _refused.Add($"{item.ClientMessageId}: {refused.Message}");
                        Remove(item.ClientMessageId);
                    }
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private (string ClientMessageId, string Text)? NextToSend()
    {
        lock (_gate) return _outbox.Count > 0 && _hub.State == HubConnectionState.Connected ? _outbox[0] : null;
    }

    private void Receive(ChatMessage message)
    {
        lock (_gate)
        {
            _store.TryAdd(message.Id, message);
            if (message.ClientMessageId is { } id)
                Remove(id);
        }
    }

    private void Remove(string clientMessageId)
    {
        if (_outbox.RemoveAll(i => i.ClientMessageId == clientMessageId) > 0 && _outbox.Count == 0)
            _outboxEmptied.TrySetResult();
    }

    /// <summary>The highest seq up to which this tab has every message: where History resumes.</summary>
    private long SyncedSeq()
    {
        lock (_gate)
        {
            var seqs = _store.Values.Select(m => m.Seq).ToHashSet();
            var seq = 0L;
            while (seqs.Contains(seq + 1))
                seq++;
            return seq;
        }
    }

    /// <summary>The widget's delays (hub.js): 0, 1, 2, 5, 10 s, then 15 s forever, each ±20 %.</summary>
    private sealed class WidgetRetryPolicy : IRetryPolicy
    {
        private static readonly int[] DelaysMs = [0, 1000, 2000, 5000, 10000];

        public TimeSpan? NextRetryDelay(RetryContext context) =>
            TimeSpan.FromMilliseconds(
                (context.PreviousRetryCount < DelaysMs.Length ? DelaysMs[context.PreviousRetryCount] : 15000) * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
