using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Catalog;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Catalog;

[Collection(ApiCollection.Name)]
public sealed class CatalogApiTests(PortalAppFactory app)
{
    private const string Trainee = "trainee@portal.local";
    private static readonly string Site = PortalAppFactory.DemoSiteKey;

    [Fact]
    public async Task Pushing_the_same_product_twice_creates_it_once_and_a_stock_change_updates_it()
    {
        using var admin = await app.CreateApiClientAsync();
        var sku = NewSku();

        using var first = await admin.PutAsJsonAsync($"/api/v1/products/{Site}/{sku}", Scarf(stock: 5), Json.Options);
        var created = await first.ReadAsync<ProductView>(HttpStatusCode.Created);
        using var again = await admin.PutAsJsonAsync($"/api/v1/products/{Site}/{sku}", Scarf(stock: 5), Json.Options);
        var same = await again.ReadAsync<ProductView>();
        using var restocked = await admin.PutAsJsonAsync($"/api/v1/products/{Site}/{sku}", Scarf(stock: 0), Json.Options);
        var changed = await restocked.ReadAsync<ProductView>();

        Assert.Equal((created.Id, created.UpdatedAt), (same.Id, same.UpdatedAt));
        Assert.Equal(0, changed.Variants.Single().Stock);
        Assert.Equal(0, (await admin.GetAsync<ProductView>($"/api/v1/products/{created.Id}")).Variants.Single().Stock);
        var audit = (await admin.GetAsync<JsonElement>($"/api/v1/audit?q={sku}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, audit.Count(e => e.GetProperty("action").GetString() == "product.synced"));
    }

    [Fact]
    public async Task A_Traditional_name_finds_the_Simplified_product_and_its_stock_per_size()
    {
        using var trainee = await app.CreateApiClientAsync(Trainee);

        var found = await trainee.GetAsync<ProductView[]>($"/api/v1/products?siteKey={Site}&q={Uri.EscapeDataString("羽絨服有黑色M號嗎？")}");

        Assert.Equal("DJ-2024", found[0].Sku);
        Assert.Equal("羽绒服 Down jacket", found[0].Name);
        Assert.Contains(found[0].Variants, v => v is { Size: "M", Colour: "黑色 Black", Stock: 12 });

        var site = (await trainee.GetAsync<SiteSummary[]>("/api/v1/sites")).Single(s => s.SiteKey == Site);
        var catalog = app.Services.GetRequiredService<ProductCatalog>();
        var jacket = (await catalog.SearchAsync(site.Id, "down jacket"))[0];
        Assert.Equal((12, 0, (int?)null), (jacket.StockOf("M", "黑色"), jacket.StockOf("M", "white"), jacket.StockOf("XXL")));
        Assert.Equal("TS-COTTON", (await catalog.SearchAsync(site.Id, "T卹買一送一嗎"))[0].Sku);
        Assert.Empty(await catalog.SearchAsync(site.Id, "你好，在吗"));
    }

    [Fact]
    public async Task A_deleted_product_is_no_longer_found()
    {
        using var admin = await app.CreateApiClientAsync();
        var sku = NewSku();
        var product = await (await admin.PutAsJsonAsync($"/api/v1/products/{Site}/{sku}", Scarf(stock: 3), Json.Options)).ReadAsync<ProductView>(HttpStatusCode.Created);

        using var deleted = await admin.DeleteAsync($"/api/v1/products/{Site}/{sku}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await (await admin.GetAsync($"/api/v1/products/{product.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await admin.GetAsync<ProductView[]>($"/api/v1/products?siteKey={Site}&q={sku}"), p => p.Id == product.Id);
        await (await admin.DeleteAsync($"/api/v1/products/{Site}/{sku}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_product_is_refused_with_every_problem_named()
    {
        using var admin = await app.CreateApiClientAsync();

        using var response = await admin.PutAsJsonAsync($"/api/v1/products/{Site}/{NewSku()}", new
        {
            name = "", price = -1, currency = "yuan", url = "javascript:alert(1)",
            variants = new[] { new { size = "M", colour = "Red", stock = -2 }, new { size = "m", colour = "red", stock = 1 } },
        }, Json.Options);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["currency", "name", "price", "url", "variants[0].stock", "variants[1]"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Only_the_shop_integration_may_push_products_and_an_unknown_site_is_404()
    {
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        using var admin = await app.CreateApiClientAsync();

        using var refused = await agent.PutAsJsonAsync($"/api/v1/products/{Site}/{NewSku()}", Scarf(stock: 1), Json.Options);
        using var unknown = await admin.PutAsJsonAsync($"/api/v1/products/no-such-shop/{NewSku()}", Scarf(stock: 1), Json.Options);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/v1/products?siteKey={Site}")).StatusCode);
    }

    private static string NewSku() => "T-" + Guid.NewGuid().ToString("N")[..12];

    private static object Scarf(int stock) => new
    {
        name = "格纹围巾 Check scarf", aliases = "圍巾", price = 159.5m, currency = "CNY",
        variants = new[] { new { size = (string?)null, colour = "红色 Red", stock } },
    };

    private sealed record VariantView(string? Size, string? Colour, int Stock);

    private sealed record ProductView(Guid Id, string Sku, string Name, decimal Price, string Currency, VariantView[] Variants, DateTime UpdatedAt);
}
