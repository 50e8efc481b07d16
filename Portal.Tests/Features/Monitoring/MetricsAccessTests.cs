using System.Net;
using System.Net.Http.Headers;
using Portal.Features.Monitoring;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>/metrics kept to the scrapers appsettings.json names (a token, an address allowlist), each app of its own.</summary>
public sealed class MetricsAccessTests
{
    [Fact]
    public async Task With_a_token_set_a_scrape_without_it_or_with_a_wrong_one_is_refused_and_with_it_served()
    {
        var app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:Metrics:Token"] = "scrape-secret-1", ["Portal:Metrics:AllowedNetworks:0"] = "127.0.0.0/8",
        });
        try
        {
            await AssertTokenIsRequiredAsync(app);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task AssertTokenIsRequiredAsync(PortalAppFactory app)
    {
        using var client = app.CreateClient();

        using var anonymous = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-secret-2");
        using var wrong = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-secret-1");
        using var scrape = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_scrape_from_outside_the_allowed_networks_is_refused_even_with_the_token()
    {
        var app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:Metrics:Token"] = "scrape-secret-1", ["Portal:Metrics:AllowedNetworks:0"] = "10.0.0.0/8", ["Portal:Metrics:AllowedNetworks:1"] = "192.168.1.7",
        });
        try
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-secret-1");

            using var response = await client.GetAsync("/metrics");

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("127.0.0.1", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void An_allowlist_entry_that_is_not_an_address_or_network_stops_the_app_with_a_clear_message()
    {
        var options = new MetricsAccessOptions { AllowedNetworks = ["10.0.0.0/8", "::1", "office-wifi"] };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        var error = Assert.Single(errors);
        Assert.Contains("office-wifi", error.ErrorMessage);
    }
}
