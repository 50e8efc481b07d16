using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.LoadGen;

/// <summary>
/// Spreads connections over several loopback source addresses (127.0.0.2, 127.0.0.3, …): one source address can reach
/// one server port through about 28,000 ephemeral ports only. Each address gets its own handler, so its HTTP calls and
/// WebSockets all leave from it.
/// </summary>
public sealed class SourceAddresses : IDisposable
{
    private readonly SocketsHttpHandler[] _handlers;
    private int _next;

    public SourceAddresses(int count, int first)
    {
        _handlers = count <= 0
            ? [NewHandler(null)]
            : Enumerable.Range(first, count).Select(last => NewHandler(new IPAddress([127, 0, 0, (byte)last]))).ToArray();
    }

    /// <summary>The handler of the next address, round robin.</summary>
    public SocketsHttpHandler Next() => _handlers[(uint)Interlocked.Increment(ref _next) % _handlers.Length];

    /// <summary>A hub connection over WebSockets only (no negotiation round trip), leaving from the next source address.</summary>
    public HubConnection Hub(Uri hubUrl, string? accessToken)
    {
        var handler = Next();
        var url = accessToken is null ? hubUrl : new UriBuilder(hubUrl) { Query = $"access_token={Uri.EscapeDataString(accessToken)}" }.Uri;
        return new HubConnectionBuilder()
            .WithUrl(url, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.WebSocketFactory = (context, ct) => ConnectWebSocketAsync(context, handler, ct);
            })
            .Build();
    }

    /// <summary>A plain WebSocket (no SignalR) to <paramref name="uri"/>, leaving from the next source address.</summary>
    public async Task<WebSocket> WebSocketAsync(Uri uri, CancellationToken ct)
    {
        var socket = NewWebSocket();
        await socket.ConnectAsync(uri, new HttpMessageInvoker(Next(), disposeHandler: false), ct);
        return socket;
    }

    public void Dispose()
    {
        foreach (var handler in _handlers)
            handler.Dispose();
    }

    private static async ValueTask<WebSocket> ConnectWebSocketAsync(WebSocketConnectionContext context, SocketsHttpHandler handler, CancellationToken ct)
    {
        var socket = NewWebSocket();
        var uri = new UriBuilder(context.Uri) { Scheme = context.Uri.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(uri, new HttpMessageInvoker(handler, disposeHandler: false), ct);
        return socket;
    }

    private static ClientWebSocket NewWebSocket()
    {
        var socket = new ClientWebSocket();
        // The server's keep-alive pings keep idle connections open through proxies; the client need not add its own.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        return socket;
    }

    private static SocketsHttpHandler NewHandler(IPAddress? source) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        MaxConnectionsPerServer = int.MaxValue,
        ConnectCallback = source is null ? null : async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
