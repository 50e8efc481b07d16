using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

[Collection(ApiCollection.Name)]
public sealed class OperationalEndpointsTests(PortalAppFactory app)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_endpoints_answer_200_without_signing_in(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_is_valid_json_that_lists_the_conversation_endpoints()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
        var paths = document.RootElement.GetProperty("paths");
        var conversations = "/api/v1/conversations";
        Assert.True(paths.TryGetProperty(conversations, out var list) || paths.TryGetProperty(conversations + "/", out list),
            "The list endpoint is missing.");
        Assert.True(list.TryGetProperty("get", out _));
        foreach (var (path, verb) in new[]
                 {
                     ($"{conversations}/{{id}}", "get"),
                     ($"{conversations}/{{id}}/messages", "get"),
                     ($"{conversations}/{{id}}/messages", "post"),
                     ($"{conversations}/{{id}}/assign", "post"),
                     ($"{conversations}/{{id}}/close", "post"),
                     ($"{conversations}/{{id}}/reopen", "post"),
                     ("/api/v1/auth/login", "post"),
                     ("/api/v1/widget/sessions", "post"),
                 })
        {
            Assert.True(paths.TryGetProperty(path, out var operations), $"{path} is not documented.");
            Assert.True(operations.TryGetProperty(verb, out _), $"{verb.ToUpperInvariant()} {path} is not documented.");
        }
    }

    [Fact]
    public async Task The_api_reference_page_is_html_whose_scripts_are_served_by_portal_itself()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        // No CDN: the machines Portal runs on may have no internet (SPEC §8).
        var scripts = Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var url = new Uri(response.RequestMessage!.RequestUri!, script);
            Assert.Equal(app.BaseAddress.Authority, url.Authority);
            using var served = await client.GetAsync(url);
            Assert.True(served.IsSuccessStatusCode, $"{url} answered {(int)served.StatusCode}.");
        }
    }

    [Fact]
    public async Task The_background_jobs_dashboard_is_for_admins_only()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        using var admin = await app.CreateApiClientAsync();

        using var notSignedIn = await anonymous.GetAsync("/hangfire");
        using var forAgent = await agent.GetAsync("/hangfire");
        using var forAdmin = await admin.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.Contains("/account/login", notSignedIn.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, forAgent.StatusCode);
        var refusal = await forAgent.Content.ReadAsStringAsync();
        Assert.Contains("Access denied", refusal);
        Assert.DoesNotContain("Portal background jobs", refusal);
        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        Assert.Contains("Portal background jobs", await forAdmin.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format()
    {
        await app.StartConversationAsync();
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("portal_messages_total", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_person_browsing_to_an_unknown_page_gets_a_not_found_page_and_an_api_client_gets_problem_json()
    {
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/no-such-page");
        using var api = await client.GetAsync("/api/v1/no-such-resource");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync());
        await api.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
