using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>
/// Issue #6: heartbeats keep idle connections open through proxies that close idle ones (nginx's proxy_read_timeout, 60 s
/// by default, bit the seed system). Scaled down so a test can wait it out: a 2 s hub keep-alive (Portal:Hubs) behind the
/// shipped nginx.conf with a 5 s idle timeout instead of its hour, as the 15 s default sits under a 60 s one.
/// </summary>
public sealed class ProxyHeartbeatTests : IAsyncLifetime
{
    private static readonly string[] ShippedTimeouts = ["proxy_read_timeout 1h;", "proxy_send_timeout 1h;"];
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(12);
    private PortalAppFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:Hubs:KeepAliveInterval"] = "00:00:02" });

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_idle_widget_stays_connected_through_a_proxy_that_closes_connections_idle_for_longer_than_the_keep_alive()
    {
        await using var patientProxy = await StartNginxAsync(idleTimeout: "5s");
        // The control: a proxy whose idle timeout is shorter than the keep-alive cuts the same kind of connection.
        await using var impatientProxy = await StartNginxAsync(idleTimeout: "1s");
        var openedAt = Stopwatch.GetTimestamp();
        // The client's own keep-alive (15 s) stays longer than the idle time: only the server's heartbeat crosses the proxy.
        await using var idle = await WidgetTab.OpenAsync(patientProxy.BaseAddress, await _app.StartWidgetSessionAsync());
        await using var cut = await WidgetTab.OpenAsync(impatientProxy.BaseAddress, await _app.StartWidgetSessionAsync());

        await cut.Reconnected.WaitAsync(Idle);
        // The idle time itself: nothing to wait for but time passing.
        if (Stopwatch.GetElapsedTime(openedAt) < Idle)
            await Task.Delay(Idle - Stopwatch.GetElapsedTime(openedAt));

        Assert.True(idle.DroppedAt == 0, $"The proxy cut the idle connection after {Stopwatch.GetElapsedTime(openedAt, idle.DroppedAt).TotalSeconds:0.0} s.");
        Assert.Equal(HubConnectionState.Connected, idle.State);
        idle.Type(["Still there after a quiet while?"]);
        await idle.OutboxEmptied.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The shipped nginx.conf, both upstream servers this one app, with its hour-long timeouts cut to <paramref name="idleTimeout"/>.</summary>
    private Task<NginxServer> StartNginxAsync(string idleTimeout) =>
        NginxServer.StartAsync([_app.BaseAddress.Port, _app.BaseAddress.Port], configuration =>
        {
            foreach (var timeout in ShippedTimeouts)
            {
                Assert.Contains(timeout, configuration);
                configuration = configuration.Replace(timeout, timeout.Replace("1h", idleTimeout, StringComparison.Ordinal), StringComparison.Ordinal);
            }
            return configuration;
        });
}
