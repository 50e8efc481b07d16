using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reflection;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Portal.LoadGen;

/// <summary>
/// Spreads connections over several loopback source addresses (127.0.0.2, 127.0.0.3, …): one source address can reach
/// one server port through about 28,000 ephemeral ports only. Each address gets its own handler, so its HTTP calls and
/// WebSockets all leave from it.
/// </summary>
public sealed class SourceAddresses : IDisposable
{
    private static readonly JsonHubProtocol Protocol = new();
    private static readonly IServiceProvider SharedServices = new UndisposableServices(new ServiceCollection().BuildServiceProvider());

    // Every HubConnection runs its own timer once a second (to send pings and notice a silent server): 10,000 of them in
    // one process took a fifth of the generator's CPU in the timer queue alone. The tick is internal to the client, so
    // it is set by reflection; a client without it keeps its 1 s tick. Pings still go out every 15 s (keep-alive).
    private static readonly TimeSpan ClientTick = TimeSpan.FromSeconds(5);
    private static readonly PropertyInfo? ClientTickRate = typeof(HubConnection).GetProperty(
        "TickRate", BindingFlags.Instance | BindingFlags.NonPublic);

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

    /// <summary>
    /// A hub connection over WebSockets only (no negotiation round trip), leaving from the next source address. Built
    /// from the client's parts rather than by <see cref="HubConnectionBuilder"/>: the builder gives every connection a
    /// service provider of its own, some 250 objects of dependency-injection state per connection (2.5 million for
    /// 10,000 customers) that each GC of the generator had to walk; here all share one protocol and one provider.
    /// </summary>
    public HubConnection Hub(Uri hubUrl, string? accessToken)
    {
        var handler = Next();
        var url = accessToken is null ? hubUrl : new UriBuilder(hubUrl) { Query = $"access_token={Uri.EscapeDataString(accessToken)}" }.Uri;
        var connection = new HttpConnectionOptions
        {
            Url = url,
            Transports = HttpTransportType.WebSockets,
            SkipNegotiation = true,
            WebSocketFactory = (context, ct) => ConnectWebSocketAsync(context, handler, ct),
        };
        var hub = new HubConnection(
            new HttpConnectionFactory(Options.Create(connection), NullLoggerFactory.Instance), Protocol, new UriEndPoint(url), SharedServices, NullLoggerFactory.Instance);
        ClientTickRate?.SetValue(hub, ClientTick);
        return hub;
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

    /// <summary>
    /// The one provider every connection shares. A <see cref="HubConnection"/> disposes the provider it was given when it
    /// is disposed itself (the builder gives each its own), which would break every connection made after the first one
    /// closes: the wrapper has nothing to dispose.
    /// </summary>
    private sealed class UndisposableServices(IServiceProvider services) : IServiceProvider
    {
        public object? GetService(Type serviceType) => services.GetService(serviceType);
    }
}
