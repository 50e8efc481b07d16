using System.Text.Json;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Team;

[Collection(BrowserCollection.Name)]
public sealed class DeactivationBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    [Fact]
    public async Task Deactivating_an_agent_ends_their_open_console_within_seconds_and_they_cannot_sign_back_in()
    {
        using var admin = await app.CreateApiClientAsync();
        var email = $"leaver-{Guid.NewGuid():N}@example.com";
        var created = await (await admin.PostJsonAsync("/api/v1/team/people",
            new { email, displayName = "Leaving agent", roles = new[] { "Agent" }, password = "Leave-Pa55word" })).ReadAsync<JsonElement>();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.OpenConsoleAsync(app, email, "Leave-Pa55word");

        using var deactivated = await admin.PostAsync($"/api/v1/team/people/{created.GetProperty("personId").GetString()}/deactivate", null);
        deactivated.EnsureSuccessStatusCode();

        // Immediate in practice (about a second); the bound is generous because CI runs three test collections at once on two cores.
        await page.WaitForAddressAsync("/account/login");
        await page.SubmitSignInAsync(email, "Leave-Pa55word");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("may not sign in");
    }
}
