using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Shifts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Shifts;

/// <summary>An app of its own whose disconnect grace is one second instead of thirty.</summary>
public sealed class ShortDisconnectGraceApp : IAsyncLifetime
{
    public PortalAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:Presence:DisconnectGrace"] = "00:00:01" });

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class PresenceDisconnectTests(ShortDisconnectGraceApp fixture, ChromiumBrowser chromium)
    : IClassFixture<ShortDisconnectGraceApp>, IClassFixture<ChromiumBrowser>
{
    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task An_agent_goes_online_from_the_console_app_bar_may_not_open_the_shifts_page_and_is_away_once_their_last_tab_closes()
    {
        var (id, email) = await App.CreatePersonAsync();
        var presence = App.Services.GetRequiredService<AgentPresence>();
        var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1300, Height = 700 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(App.BaseAddress, "/console").ToString());
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", ShiftTestData.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".console[data-live=true]")).ToBeVisibleAsync();

        await page.ClickAsync(".presence-chip");
        await page.Locator(".mud-menu-item", new() { HasText = "Online" }).ClickAsync();
        await Assertions.Expect(page.Locator(".presence-chip[data-presence=online]")).ToBeVisibleAsync();
        Assert.Equal(Presence.Online, await presence.GetAsync(id));
        await page.GotoAsync(new Uri(App.BaseAddress, "/admin/shifts").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();

        await context.CloseAsync();
        await WaitForAsync(() => presence.GetAsync(id), Presence.Away);
    }

    [Fact]
    public async Task Closing_the_last_connection_makes_an_online_agent_away_after_the_grace_and_reconnecting_brings_them_back()
    {
        var (id, email) = await App.CreatePersonAsync();
        var token = await App.LoginAsync(email, ShiftTestData.Password);
        var presence = App.Services.GetRequiredService<AgentPresence>();
        var first = await App.ConnectAgentAsync(token);
        await using var second = await App.ConnectAgentAsync(token);
        await first.InvokeAsync("SetPresence", "online");

        await first.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(Presence.Online, await presence.GetAsync(id));

        await second.StopAsync();
        await WaitForAsync(() => presence.GetAsync(id), Presence.Away);

        await using var back = await App.ConnectAgentAsync(token);
        await WaitForAsync(() => presence.GetAsync(id), Presence.Online);
    }

    [Fact]
    public async Task A_reconnect_within_the_grace_keeps_the_agent_online()
    {
        var (id, email) = await App.CreatePersonAsync();
        var token = await App.LoginAsync(email, ShiftTestData.Password);
        var presence = App.Services.GetRequiredService<AgentPresence>();
        var before = await App.ConnectAgentAsync(token);
        await before.InvokeAsync("SetPresence", "online");

        await before.DisposeAsync();
        await using var after = await App.ConnectAgentAsync(token);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(Presence.Online, await presence.GetAsync(id));
    }

    private static async Task WaitForAsync(Func<Task<Presence>> read, Presence expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await read() != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The presence did not become {expected} in time.");
            await Task.Delay(100);
        }
    }
}
