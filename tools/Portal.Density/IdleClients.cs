using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.LoadGen;

namespace Portal.Density;

/// <summary>
/// Idle connections to one server, opened a few at a time: a Portal widget (a widget session, then /hubs/widget, as the
/// shop's page does), a SignalR client on the bare hub, or a plain WebSocket to the Node server. Each keeps a receive
/// pending, as a real client does, and otherwise only answers the server's keep-alives.
/// </summary>
public sealed class IdleClients(ServerKind kind, int port, SourceAddresses addresses) : IAsyncDisposable
{
    private const int ConcurrentConnects = 64;
    private readonly List<IAsyncDisposable> _open = [];
    private int _failed;

    public int Open
    {
        get { lock (_open) return _open.Count; }
    }

    public int Failed => _failed;

    public async Task ConnectAsync(int count, CancellationToken ct)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentConnects, CancellationToken = ct }, async (_, token) =>
        {
            try
            {
                var connection = await ConnectOneAsync(token);
                lock (_open)
                    _open.Add(connection);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                if (Interlocked.Increment(ref _failed) <= 3)
                    Console.Error.WriteLine($"connect failed: {ex.GetType().Name}: {ex.Message}");
            }
        });
    }

    private async Task<IAsyncDisposable> ConnectOneAsync(CancellationToken ct)
    {
        switch (kind)
        {
            case ServerKind.Portal:
            {
                using var http = new HttpClient(addresses.Next(), disposeHandler: false) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                var session = await WidgetSession.StartAsync(http, "demo-shop", ct);
                return await StartAsync(addresses.Hub(new Uri($"http://127.0.0.1:{port}/hubs/widget"), session.VisitorToken), ct);
            }
            case ServerKind.BareHub:
                return await StartAsync(addresses.Hub(new Uri($"http://127.0.0.1:{port}/hub"), accessToken: null), ct);
            default:
            {
                var socket = await addresses.WebSocketAsync(new Uri($"ws://127.0.0.1:{port}"), ct);
                return new ReceivingWebSocket(socket);
            }
        }
    }

    private static async Task<IAsyncDisposable> StartAsync(HubConnection hub, CancellationToken ct)
    {
        await hub.StartAsync(ct);
        return hub;
    }

    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> open;
        lock (_open)
            open = [.. _open];
        await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentConnects }, (c, _) => c.DisposeAsync());
    }

    /// <summary>A plain WebSocket with a receive pending, so the server's pings are answered.</summary>
    private sealed class ReceivingWebSocket : IAsyncDisposable
    {
        private readonly WebSocket _socket;
        private readonly Task _receiving;

        public ReceivingWebSocket(WebSocket socket)
        {
            _socket = socket;
            _receiving = ReceiveAsync();
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[256];
            try
            {
                while (_socket.State == WebSocketState.Open)
                    await _socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The server went away: the run is over.
            }
        }

        public async ValueTask DisposeAsync()
        {
            _socket.Abort();
            await _receiving;
            _socket.Dispose();
        }
    }
}
