using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Sites;

[Collection(ApiCollection.Name)]
public sealed class SitesApiTests(PortalAppFactory app)
{
    [Fact]
    public async Task The_sites_list_shows_the_demo_shop_with_its_site_key()
    {
        using var api = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);

        var sites = await api.GetAsync<SiteSummary[]>("/api/v1/sites");

        var demo = Assert.Single(sites, s => s.SiteKey == PortalAppFactory.DemoSiteKey);
        Assert.Equal("Demo Shop", demo.Name);
    }

    [Fact]
    public async Task The_sites_list_never_reveals_a_sites_identity_secret()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var secret = (await db.Sites.SingleAsync(s => s.SiteKey == PortalAppFactory.DemoSiteKey)).IdentitySecret;
        using var api = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);

        var body = await api.GetStringAsync("/api/v1/sites");

        Assert.DoesNotContain(secret, body);
        Assert.DoesNotContain("identitySecret", body);
    }
}
