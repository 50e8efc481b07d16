using Microsoft.Playwright;

namespace Portal.Tests.Infrastructure;

/// <summary>Signing in to the console in a browser, as an agent does.</summary>
public static class ConsoleSignIn
{
    /// <summary>Fills in the sign-in form and submits it; the page then goes wherever the sign-in sends it.</summary>
    public static async Task SubmitSignInAsync(this IPage page, string email, string password)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>A new page signed in to /console, returned once the list is live (before that a click is a plain page load).</summary>
    public static Task<IPage> OpenConsoleAsync(this IBrowserContext context, PortalAppFactory app, string email, string password) =>
        context.OpenConsoleAsync(app.BaseAddress, email, password);

    /// <summary>The same on the Portal at <paramref name="portal"/> (a node of its own process).</summary>
    public static async Task<IPage> OpenConsoleAsync(this IBrowserContext context, Uri portal, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(portal, "/console").ToString());
        await page.SubmitSignInAsync(email, password);
        await page.WaitForAddressAsync("/console$");
        await Assertions.Expect(page.Locator(".console[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page;
    }
}
