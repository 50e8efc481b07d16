using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Account;

[Collection(ApiCollection.Name)]
public sealed class TwoFactorApiTests(PortalAppFactory app)
{
    [Fact]
    public async Task Api_login_of_an_account_with_two_factor_needs_a_right_code()
    {
        using var admin = await app.CreateApiClientAsync();
        var person = await TwoFactorPeople.CreatePersonAsync(admin, await TwoFactorPeople.CreateRoleAsync(admin, requiresTwoFactor: false));
        var key = await TwoFactorPeople.EnableAuthenticatorAsync(app, person);
        using var client = app.CreateClient();

        using var withoutCode = await client.PostJsonAsync("/api/v1/auth/login", new { email = person.Email, password = TwoFactorPeople.Password });
        using var wrongCode = await client.PostJsonAsync("/api/v1/auth/login",
            new { email = person.Email, password = TwoFactorPeople.Password, twoFactorCode = Totp.Expired(key) });
        using var rightCode = await client.PostJsonAsync("/api/v1/auth/login",
            new { email = person.Email, password = TwoFactorPeople.Password, twoFactorCode = Totp.Code(key) });

        Assert.Contains("twoFactorCode", (await withoutCode.AssertProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Contains("code is wrong", (await wrongCode.AssertProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        using var api = app.CreateApiClient((await rightCode.ReadAsync<AccessTokens>()).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/sites")).StatusCode);
    }

    [Fact]
    public async Task Guessing_codes_locks_the_account_even_with_the_right_password()
    {
        using var admin = await app.CreateApiClientAsync();
        var person = await TwoFactorPeople.CreatePersonAsync(admin, await TwoFactorPeople.CreateRoleAsync(admin, requiresTwoFactor: false));
        var key = await TwoFactorPeople.EnableAuthenticatorAsync(app, person);
        using var client = app.CreateClient();

        for (var guess = 0; guess < 10; guess++)
            (await client.PostJsonAsync("/api/v1/auth/login",
                new { email = person.Email, password = TwoFactorPeople.Password, twoFactorCode = Totp.Expired(key) })).Dispose();
        using var right = await client.PostJsonAsync("/api/v1/auth/login",
            new { email = person.Email, password = TwoFactorPeople.Password, twoFactorCode = Totp.Code(key) });

        Assert.Contains("locked", (await right.AssertProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_recovery_code_signs_in_through_the_api_once()
    {
        using var admin = await app.CreateApiClientAsync();
        var person = await TwoFactorPeople.CreatePersonAsync(admin, await TwoFactorPeople.CreateRoleAsync(admin, requiresTwoFactor: false));
        await TwoFactorPeople.EnableAuthenticatorAsync(app, person);
        var recoveryCode = (await TwoFactorPeople.RecoveryCodesAsync(app, person))[0];
        var login = new { email = person.Email, password = TwoFactorPeople.Password, twoFactorRecoveryCode = recoveryCode };
        using var client = app.CreateClient();

        using var first = await client.PostJsonAsync("/api/v1/auth/login", login);
        using var again = await client.PostJsonAsync("/api/v1/auth/login", login);

        Assert.False(string.IsNullOrEmpty((await first.ReadAsync<AccessTokens>()).AccessToken));
        await again.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Members_of_a_role_that_starts_requiring_two_factor_can_use_nothing_until_they_set_it_up()
    {
        using var admin = await app.CreateApiClientAsync();
        var role = await TwoFactorPeople.CreateRoleAsync(admin, requiresTwoFactor: false);
        var person = await TwoFactorPeople.CreatePersonAsync(admin, role);
        using var member = app.CreateApiClient(await app.LoginAsync(person.Email, TwoFactorPeople.Password));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/sites")).StatusCode);

        using var required = await admin.PutAsJsonAsync($"/api/v1/team/roles/{role.Id}",
            new { name = role.Name, permissions = TwoFactorPeople.RolePermissions, requiresTwoFactor = true });
        Assert.True((await required.ReadAsync<TwoFactorPeople.Role>()).RequiresTwoFactor);

        using var sites = await member.GetAsync("/api/v1/sites");
        using var permissions = await member.GetAsync("/api/v1/me/permissions");
        var problem = await sites.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Two-factor sign-in is required for your role; set it up in the console.", problem.GetProperty("detail").GetString());
        await permissions.AssertProblemAsync(HttpStatusCode.Forbidden);
        await using var hub = app.BuildHubConnection(PortalAppFactory.AgentHubPath, await app.LoginAsync(person.Email, TwoFactorPeople.Password));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var key = await TwoFactorPeople.EnableAuthenticatorAsync(app, person);
        using var withCode = app.CreateApiClient((await (await app.CreateClient().PostJsonAsync("/api/v1/auth/login",
            new { email = person.Email, password = TwoFactorPeople.Password, twoFactorCode = Totp.Code(key) })).ReadAsync<AccessTokens>()).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await withCode.GetAsync("/api/v1/sites")).StatusCode);
    }

    [Fact]
    public async Task A_page_request_of_someone_who_must_set_up_two_factor_is_sent_to_the_set_up_page()
    {
        using var admin = await app.CreateApiClientAsync();
        var person = await TwoFactorPeople.CreatePersonAsync(admin, await TwoFactorPeople.CreateRoleAsync(admin, requiresTwoFactor: true));
        using var browser = await SignedInCookieClientAsync(person);

        using var console = await browser.GetAsync("/console");
        using var setUp = await browser.GetAsync("/account/two-factor");

        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Equal("/account/two-factor?returnUrl=%2Fconsole", console.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, setUp.StatusCode);
        Assert.Contains("requires two-factor sign-in", await setUp.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in through the sign-in form like a browser; the client keeps the cookie and does not follow redirects.</summary>
    private async Task<HttpClient> SignedInCookieClientAsync(TwoFactorPeople.Person person)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var form = await browser.GetStringAsync("/account/login");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.Email"] = person.Email,
            ["Input.Password"] = TwoFactorPeople.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }
}
