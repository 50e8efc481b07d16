using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Catalog;

[Collection(BrowserCollection.Name)]
public sealed class ProductsBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    [Fact]
    public async Task An_agent_finds_the_down_jacket_by_its_Traditional_name_and_sees_which_sizes_are_sold_out()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/admin/products").ToString());
        await page.SubmitSignInAsync(PortalAppFactory.Agent1Email, PortalAppFactory.AgentPassword);
        await Assertions.Expect(page.Locator(".products-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GetByTestId("products-search").FillAsync("羽絨服");

        var rows = page.GetByTestId("products-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("DJ-2024");
        await Assertions.Expect(rows.First.GetByTestId("variant").Filter(new() { HasText = "M · 黑色 Black" })).ToHaveTextAsync("M · 黑色 Black: 12");
        await Assertions.Expect(rows.First.GetByTestId("variant").Filter(new() { HasText = "M · 白色 White" })).ToHaveTextAsync("M · 白色 White: sold out");
    }
}
