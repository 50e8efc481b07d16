using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Widget;

/// <summary>Floods of new widget sessions from one address are cut off (SPEC §6).</summary>
public sealed class WidgetRateLimitTests
{
    [Fact]
    public async Task Sessions_beyond_the_per_address_limit_are_refused_with_429()
    {
        var app = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:Widget:SessionsPerIpPerMinute"] = "3" });
        try
        {
            using var client = app.CreateClient();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                using var response = await client.PostJsonAsync("/api/v1/widget/sessions", new { siteKey = PortalAppFactory.DemoSiteKey });
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            }

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
