using System.Net;
using System.Net.Http.Headers;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Auth;

[Collection(ApiCollection.Name)]
public sealed class AuthApiTests(PortalAppFactory app)
{
    [Fact]
    public async Task Login_with_the_right_password_returns_a_bearer_token_that_opens_the_api()
    {
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync("/api/v1/auth/login",
            new { email = PortalAppFactory.Agent1Email, password = PortalAppFactory.AgentPassword });

        var tokens = await response.ReadAsync<AccessTokens>();
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.True(tokens.ExpiresIn > 0);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        using var api = app.CreateApiClient(tokens.AccessToken);
        var sites = await api.GetAsync<SiteSummary[]>("/api/v1/sites");
        Assert.Contains(sites, s => s.SiteKey == PortalAppFactory.DemoSiteKey);
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_refused_with_problem_json()
    {
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync("/api/v1/auth/login",
            new { email = PortalAppFactory.Agent2Email, password = "not-the-password" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("wrong", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Login_with_an_unknown_email_is_refused_exactly_like_a_wrong_password()
    {
        using var client = app.CreateClient();
        using var unknown = await client.PostJsonAsync("/api/v1/auth/login", new { email = "nobody@portal.local", password = "whatever1" });
        using var wrong = await client.PostJsonAsync("/api/v1/auth/login", new { email = PortalAppFactory.Agent2Email, password = "whatever1" });

        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var wrongProblem = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(wrongProblem.GetProperty("detail").GetString(), unknownProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Login_without_email_and_password_is_refused_with_validation_errors()
    {
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync("/api/v1/auth/login", new { });

        await response.AssertValidationErrorAsync("email");
        using var again = await client.PostJsonAsync("/api/v1/auth/login", new { email = PortalAppFactory.AdminEmail });
        await again.AssertValidationErrorAsync("password");
    }

    [Fact]
    public async Task Login_with_a_malformed_body_is_a_400_not_a_500()
    {
        using var client = app.CreateClient();
        using var response = await client.PostRawJsonAsync("/api/v1/auth/login", "{\"email\": ");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token_that_works()
    {
        using var client = app.CreateClient();
        using var login = await client.PostJsonAsync("/api/v1/auth/login",
            new { email = PortalAppFactory.AdminEmail, password = PortalAppFactory.AdminPassword });
        var first = await login.ReadAsync<AccessTokens>();

        using var refresh = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken });

        var second = await refresh.ReadAsync<AccessTokens>();
        Assert.False(string.IsNullOrEmpty(second.AccessToken));
        using var api = app.CreateApiClient(second.AccessToken);
        Assert.NotEmpty(await api.ConversationsAsync());
    }

    [Fact]
    public async Task A_forged_refresh_token_is_refused_with_problem_json()
    {
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = "forged-refresh-token" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var missing = await client.PostJsonAsync("/api/v1/auth/refresh", new { });
        await missing.AssertValidationErrorAsync("refreshToken");
    }

    [Theory]
    [InlineData("/api/v1/conversations")]
    [InlineData("/api/v1/sites")]
    public async Task The_api_refuses_a_request_without_a_token_with_401(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        // Not a redirect to the console's login page: API clients get a status they can act on.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_api_refuses_a_forged_bearer_token_with_401()
    {
        using var api = app.CreateApiClient("forged-access-token");
        using var response = await api.GetAsync("/api/v1/conversations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_visitor_token_does_not_open_the_agents_api()
    {
        var session = await app.StartWidgetSessionAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.VisitorToken);

        using var response = await client.GetAsync($"/api/v1/conversations/{session.ConversationId}/messages");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
