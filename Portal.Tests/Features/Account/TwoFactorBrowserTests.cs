using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Account;

[Collection(BrowserCollection.Name)]
public sealed class TwoFactorBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task Someone_whose_role_requires_two_factor_sets_it_up_before_the_console_and_then_signs_in_with_a_code()
    {
        using var admin = await app.CreateApiClientAsync();
        var person = await TwoFactorPeople.CreatePersonAsync(admin, await TwoFactorPeople.CreateRoleAsync(admin, requiresTwoFactor: true));

        await using var first = await NewContextAsync();
        var page = await SignInWithPasswordAsync(first, person);
        await page.WaitForAddressAsync("/account/two-factor\\?returnUrl=%2Fconsole$");
        await page.GotoAsync(Url("/admin/people"));
        Assert.EndsWith("/account/two-factor?returnUrl=%2Fadmin%2Fpeople", page.Url);
        await page.GotoAsync(Url("/console"));
        Assert.EndsWith("/account/two-factor?returnUrl=%2Fconsole", page.Url);
        await Assertions.Expect(page.GetByText("requires two-factor sign-in. Set it up to continue.")).ToBeVisibleAsync();

        var key = await page.GetByTestId("authenticator-key").InnerTextAsync();
        await page.FillAsync("#code", Totp.Expired(key));
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong or has expired");
        await page.FillAsync("#code", Totp.Code(key));
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        var recoveryCodes = await page.GetByTestId("recovery-codes").Locator("li").AllInnerTextsAsync();
        await page.ClickAsync("text=I saved them, continue");
        await page.WaitForAddressAsync("/console$");
        await Assertions.Expect(page.Locator(".console[data-live=true]")).ToBeVisibleAsync(Soon);

        await using var second = await NewContextAsync();
        var again = await SignInWithPasswordAsync(second, person);
        await again.WaitForAddressAsync("/account/login-2fa\\?");
        await again.FillAsync("#code", Totp.Expired(key));
        await again.ClickAsync("button[type=submit]");
        await Assertions.Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong or has expired");
        await again.FillAsync("#code", Totp.Code(key));
        await again.ClickAsync("button[type=submit]");
        await again.WaitForAddressAsync("/console$");
        await Assertions.Expect(again.Locator(".console[data-live=true]")).ToBeVisibleAsync(Soon);

        await using var third = await NewContextAsync();
        var lostPhone = await SignInWithPasswordAsync(third, person);
        await lostPhone.ClickAsync("text=Use a recovery code");
        await lostPhone.FillAsync("#recoveryCode", recoveryCodes[0]);
        await lostPhone.ClickAsync("button[type=submit]");
        await lostPhone.WaitForAddressAsync("/console$");
    }

    private Task<IBrowserContext> NewContextAsync() =>
        chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });

    private async Task<IPage> SignInWithPasswordAsync(IBrowserContext context, TwoFactorPeople.Person person)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/console"));
        await page.SubmitSignInAsync(person.Email, TwoFactorPeople.Password);
        return page;
    }

    private string Url(string path) => new Uri(app.BaseAddress, path).ToString();
}
