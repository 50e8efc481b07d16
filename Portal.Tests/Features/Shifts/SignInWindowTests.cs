using System.Net;
using System.Text.RegularExpressions;
using Portal.Features.Shifts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Shifts;

/// <summary>With the shift sign-in window on, agents sign in only during their shift ± grace; managers any time.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class SignInWindowTests(PortalAppFactory app) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        using var admin = await app.CreateApiClientAsync();
        (await admin.PutJsonAsync("/api/v1/shifts/settings", new { restrictSignInToShifts = true, graceMinutes = 15 })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        using var admin = await app.CreateApiClientAsync();
        (await admin.PutJsonAsync("/api/v1/shifts/settings", new ShiftSettings())).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_agent_off_shift_is_refused_a_token_with_a_403_problem_naming_their_next_shift()
    {
        using var admin = await app.CreateApiClientAsync();
        var (agent, email) = await app.CreatePersonAsync();
        var now = DateTime.UtcNow;
        var later = await admin.CreateTemplateAsync($"{now.AddHours(3):HH:mm}", $"{now.AddHours(5):HH:mm}", "UTC");
        (await admin.AssignAsync(agent, later.Id, DateOnly.FromDateTime(now.AddHours(3)))).EnsureSuccessStatusCode();

        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync("/api/v1/auth/login", new { email, password = ShiftTestData.Password });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("You can sign in during your shift", detail);
        Assert.Contains($"{now.AddHours(3):yyyy-MM-dd HH:mm} UTC ({later.Name})", detail);
    }

    [Fact]
    public async Task An_agent_within_the_grace_period_before_their_shift_may_sign_in()
    {
        using var admin = await app.CreateApiClientAsync();
        var (agent, email) = await app.CreatePersonAsync(Portal.Features.Team.BuiltInRoles.Trainee);
        var start = DateTime.UtcNow.AddMinutes(10);
        var soon = await admin.CreateTemplateAsync($"{start:HH:mm}", $"{start.AddHours(4):HH:mm}", "UTC");
        (await admin.AssignAsync(agent, soon.Id, DateOnly.FromDateTime(start))).EnsureSuccessStatusCode();

        await app.LoginAsync(email, ShiftTestData.Password);
    }

    [Fact]
    public async Task A_wrong_password_off_shift_is_still_just_a_wrong_password()
    {
        var (_, email) = await app.CreatePersonAsync();
        using var client = app.CreateClient();

        using var response = await client.PostJsonAsync("/api/v1/auth/login", new { email, password = "not-the-password" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_supervisor_signs_in_off_shift()
    {
        var (_, email) = await app.CreatePersonAsync(Portal.Features.Team.BuiltInRoles.Supervisor);

        await app.LoginAsync(email, ShiftTestData.Password);
    }

    [Fact]
    public async Task The_console_login_page_tells_an_agent_off_shift_when_they_can_sign_in_and_sets_no_cookie()
    {
        var (_, email) = await app.CreatePersonAsync();
        using var handler = new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = app.BaseAddress };
        var page = await browser.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;

        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = ShiftTestData.Password,
        }));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You can sign in during your shift", html);
        Assert.Contains("no shift is scheduled for you yet", html);
        Assert.DoesNotContain(handler.CookieContainer.GetAllCookies(), c => c.Name.Contains("Identity.Application"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
