using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>The live dashboard in a browser, on an app of its own that samples every 300 ms so its counts are exact.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(ChromiumBrowser chromium) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    private PortalAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:Monitoring:SampleInterval"] = "00:00:00.300",
    });

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_admin_watches_a_new_customer_join_the_queue_without_reloading_and_switches_to_the_last_day()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 1100 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_app.BaseAddress, "/admin/dashboard").ToString());
        await page.SubmitSignInAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        await Assertions.Expect(page.Locator(".dashboard-page[data-live=true]")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-updated")).ToContainTextAsync("Live · updated");
        await Assertions.Expect(page.GetByTestId("dashboard-history")).ToContainTextAsync("History since");

        var waiting = page.GetByTestId("tile-waiting").GetByTestId("tile-value");
        await Assertions.Expect(waiting).ToHaveTextAsync("0", new() { Timeout = 15_000 });
        // The demo shop's conversations include a first response from a few minutes ago, written as minutes and seconds.
        await Assertions.Expect(page.GetByTestId("tile-first-response-p90").GetByTestId("tile-value")).ToHaveTextAsync(new Regex(@"^(\d+ m )?\d+ s$"));
        // Marks this document: a reload would lose it, so finding it at the end proves the figure changed in place.
        await page.EvaluateAsync("window.dashboardNotReloaded = true");

        // Nobody is online in this app: the new customer waits in the queue.
        await _app.StartConversationAsync("Is anyone there?");

        await Assertions.Expect(waiting).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("tile-waiting")).ToContainTextAsync("+1 since");
        await Assertions.Expect(page.GetByTestId("tile-longest-wait").GetByTestId("tile-value")).ToHaveTextAsync(new Regex(@"^\d+ s$"));
        await Assertions.Expect(page.GetByTestId("chart-waiting").Locator("path.mud-chart-line")).ToHaveCountAsync(1);

        var day = page.GetByTestId("dashboard-range").GetByRole(AriaRole.Checkbox, new() { Name = "24 h" });
        await day.ClickAsync();
        await Assertions.Expect(day).ToBeCheckedAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("dashboard-range").GetByRole(AriaRole.Checkbox, new() { Checked = true })).ToHaveCountAsync(1);
        await Assertions.Expect(waiting).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("tile-waiting")).ToContainTextAsync("+1 since");
        await Assertions.Expect(page.GetByTestId("chart-connections").Locator("path.mud-chart-line")).ToHaveCountAsync(2);
        Assert.True(await page.EvaluateAsync<bool>("window.dashboardNotReloaded === true"), "The page was reloaded.");

        await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("dashboard.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }
}
