using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Features.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Reports;

[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    [Fact]
    public async Task An_admin_sees_the_demo_shops_two_weeks_by_agent_and_downloads_them_as_csv()
    {
        // The job also runs at start; this makes sure it has, so the page shows the demo's history.
        await app.Services.GetRequiredService<ReportRollups>().CatchUpAsync();
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            Locale = "en-US", ViewportSize = new() { Width = 1500, Height = 1000 }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/admin/reports").ToString());
        await page.SubmitSignInAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        await Assertions.Expect(page.Locator(".reports-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var total = int.Parse((await page.GetByTestId("reports-total-conversations").InnerTextAsync()).Replace(",", ""));
        Assert.True(total >= 100, $"The demo's two weeks should show well over 100 conversations, the page shows {total}.");
        await Assertions.Expect(page.GetByTestId("reports-as-of")).ToContainTextAsync("Figures as of");
        await Assertions.Expect(page.GetByTestId("reports-legend")).ToContainTextAsync("UTC days");

        await page.GetByTestId("reports-by").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Agent" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("reports-table").Locator("tbody")).ToContainTextAsync("Tom Parker", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("reports.png") });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("reports-export").ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("period,group,conversations,", lines[0]);
        Assert.Contains(lines, line => line.Contains(",Tom Parker,", StringComparison.Ordinal));
    }
}
