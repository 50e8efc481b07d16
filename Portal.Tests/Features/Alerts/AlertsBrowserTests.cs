using System.Net.Http.Json;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Alerts;

/// <summary>Alerts in the browser: the layout's snackbar and badge on any page, and acknowledging on /admin/alerts.</summary>
public sealed class AlertsBrowserTests(AlertsApp alerts, ChromiumBrowser chromium) : IClassFixture<AlertsApp>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task A_firing_alert_shows_a_snackbar_and_the_badge_on_the_open_console_and_is_acknowledged_on_the_alerts_page()
    {
        var app = alerts.App;
        using var admin = await app.CreateApiClientAsync();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.OpenConsoleAsync(app, PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        var badge = page.Locator("[data-testid=alert-badge] .mud-badge");
        await Assertions.Expect(badge).ToBeHiddenAsync();

        // Fewer than a million customers wait: true at once, so the rule fires on the next sample.
        var rule = await AlertsApp.CreateRuleAsync(admin, "Queue watch", "conversationsWaiting", "below", 1_000_000);

        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Alert: Queue watch" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(badge).ToHaveTextAsync("1");
        Assert.EndsWith("/console", page.Url);

        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).First.ClickAsync();
        await page.WaitForAddressAsync("/admin/alerts$");
        var row = page.Locator("[data-testid=active-alerts] tr").Filter(new() { HasText = "Queue watch" });
        await Assertions.Expect(row).ToContainTextAsync("firing");
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge Queue watch" }).ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("acknowledged by");
        await Assertions.Expect(badge).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("admin-alerts.png") });

        (await admin.PutAsJsonAsync($"/api/v1/alerts/rules/{rule.Id}", rule with { Threshold = 0 }, Json.Options)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Resolved: Queue watch" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(row).ToBeHiddenAsync();
    }
}
