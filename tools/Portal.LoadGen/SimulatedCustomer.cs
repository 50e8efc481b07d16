using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.LoadGen;

/// <summary>The part of a hub message the load generator reads (SPEC §4.2).</summary>
public sealed record HubMessage(Guid Id, Guid ConversationId, long Seq, string Author, string Text, bool Private, string? ClientMessageId, DateTime SentAt);

/// <summary>
/// One shopper: opens a widget session, connects to /hubs/widget and keeps it open; a chatting one writes messages with
/// think times in between. Every message of its conversation pushed to it is noted by seq, to find repeats and, against
/// the stored conversation at the end, messages never pushed.
/// </summary>
public sealed class SimulatedCustomer(LoadOptions options, SourceAddresses addresses, DeliveryLedger ledger, LoadCounters counters) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SortedSet<long> _pushed = [];
    private HubConnection? _hub;

    public Guid ConversationId { get; private set; }

    /// <summary>Opens the session and the hub connection; false (counted as an error) when the server refused either.</summary>
    public async Task<bool> ConnectAsync(CancellationToken ct)
    {
        try
        {
            using var http = new HttpClient(addresses.Next(), disposeHandler: false) { BaseAddress = options.Url };
            WidgetSession session;
            try
            {
                session = await WidgetSession.StartAsync(http, options.SiteKey, ct);
            }
            catch (HttpRequestException ex) when (ex.StatusCode is { } status)
            {
                counters.Error($"session: HTTP {(int)status}");
                return false;
            }
            ConversationId = session.ConversationId;
            _hub = addresses.Hub(new Uri(options.Url, "/hubs/widget"), session.VisitorToken);
            _hub.On<HubMessage>("message", OnMessage);
            _hub.Closed += error =>
            {
                if (error is not null)
                    counters.Error($"widget connection closed: {error.GetType().Name}");
                counters.Disconnected();
                return Task.CompletedTask;
            };
            await _hub.StartAsync(ct);
            counters.Connected();
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            counters.Error($"connect: {ex.GetType().Name}");
            return false;
        }
    }

    /// <summary>
    /// Writes messages until <paramref name="until"/>, an exponential think time of <paramref name="meanThink"/> apart,
    /// each let go by <paramref name="pacer"/> if there is one.
    /// </summary>
    public async Task ChatAsync(TimeSpan meanThink, DateTime until, Random random, SendPacer? pacer, CancellationToken ct)
    {
        var number = 0;
        while (!ct.IsCancellationRequested)
        {
            var think = ChatScript.ThinkTime(random, meanThink);
            if (DateTime.UtcNow + think >= until)
                return;
            await Task.Delay(think, ct);
            if (pacer is not null)
                await pacer.WaitAsync(ct);
            var clientMessageId = DeliveryLedger.NewClientMessageId(byCustomer: true);
            ledger.Sending(clientMessageId, ConversationId);
            try
            {
                var stored = await _hub!.InvokeAsync<HubMessage>("Send", clientMessageId, ChatScript.CustomerMessage(random, ++number), ct);
                ledger.Acknowledged(clientMessageId, stored.Seq);
                counters.Sent();
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                counters.Error($"send: {ex.GetType().Name}: {Shorten(ex.Message)}");
            }
        }
    }

    /// <summary>
    /// Compares what the server stored with what this customer was acknowledged and pushed: every acknowledged message
    /// stored once at the seq it was acknowledged with; seqs 1…n without a gap; every message stored since the connection
    /// opened pushed to it.
    /// </summary>
    public async Task<(int Lost, int Duplicated, int Gaps)> VerifyAsync(CancellationToken ct)
    {
        if (_hub is null)
            return (0, 0, 0);
        var history = await _hub.InvokeAsync<HubMessage[]>("History", 0L, ct);
        var acknowledged = ledger.AcknowledgedIn(ConversationId);
        var stored = history.Where(m => m.ClientMessageId is not null).GroupBy(m => m.ClientMessageId!).ToDictionary(g => g.Key, g => g.ToList());
        var lost = acknowledged.Count(a => !stored.TryGetValue(a.Key, out var copies) || copies.All(c => c.Seq != a.Value));
        var duplicated = stored.Values.Sum(copies => copies.Count - 1);
        var gaps = history.Select((m, i) => m.Seq != history[0].Seq + i).Count(gap => gap);
        lock (_gate)
            if (_pushed.Count > 0)
                gaps += history.Count(m => m.Seq > _pushed.Min && !_pushed.Contains(m.Seq));
        return (lost, duplicated, gaps);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
            await _hub.DisposeAsync();
    }

    private void OnMessage(HubMessage message)
    {
        if (message.ConversationId != ConversationId)
            return;
        lock (_gate)
        {
            if (!_pushed.Add(message.Seq))
                counters.Repeat();
            else if (message.Seq < _pushed.Max)
                // Two senders' messages can be pushed in the other order than they were stored; the widget sorts by seq.
                counters.Reorder();
        }
        if (message.Author != "customer")
            ledger.Arrived(message.ClientMessageId, this, Stopwatch.GetTimestamp(), message.SentAt);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80];
}
