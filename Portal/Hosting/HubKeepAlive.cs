using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Portal.Hosting;

/// <summary>The hubs' heartbeat (<c>Portal:Hubs</c>): what keeps idle widget and console connections open through proxies.</summary>
public sealed class HubKeepAliveOptions
{
    /// <summary>
    /// How often a hub sends a keep-alive on a connection with nothing else to send. Proxies and load balancers close
    /// connections idle for longer than their timeout (nginx's proxy_read_timeout defaults to 60 s), so this must be well
    /// under the shortest timeout between the customers and Portal. At most 15 s: the widget and the console treat a
    /// server silent for 30 s as gone.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:15")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}

public static class HubKeepAlive
{
    public static WebApplicationBuilder AddHubKeepAlive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HubKeepAliveOptions>().BindConfiguration("Portal:Hubs").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HubOptions>().Configure<IOptions<HubKeepAliveOptions>>((hubs, heartbeat) =>
            hubs.KeepAliveInterval = heartbeat.Value.KeepAliveInterval);
        // The hubs' keep-alive is the heartbeat; the WebSocket layer's own ping every 2 minutes on top of it was one more
        // timer per open connection.
        builder.Services.Configure<WebSocketOptions>(webSockets => webSockets.KeepAliveInterval = TimeSpan.Zero);
        return builder;
    }
}
