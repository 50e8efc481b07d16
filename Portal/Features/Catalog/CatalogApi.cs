using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Sites;
using Portal.Features.Team;

namespace Portal.Features.Catalog;

/// <summary>The shop's products (issue #4): pushed by the shop like its orders, read by the team and the bot.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/products").WithTags("Products");
        api.MapPut("/{siteKey}/{sku}", Upsert).RequireAuthorization(Permissions.OrdersSync)
            .WithName("UpsertProduct").WithSummary("Create or update one of the shop's products")
            .WithDescription("Idempotent: 201 when created, 200 when updated or already up to date. The SKU in the body, if any, must match the route's. Variants carry the stock per size and colour.");
        api.MapDelete("/{siteKey}/{sku}", Delete).RequireAuthorization(Permissions.OrdersSync)
            .WithName("DeleteProduct").WithSummary("Delete one of the shop's products");
        api.MapGet("/", List).RequireAuthorization(Permissions.OrdersView)
            .WithName("ListProducts").WithSummary("List or search a site's products")
            .WithDescription("Without q, by name (up to 200); with q, the products it names (name, other names or SKU, either Chinese script), best first.");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.OrdersView)
            .WithName("GetProduct").WithSummary("Get a product");
        return app;
    }

    private static async Task<Results<Created<ProductDto>, Ok<ProductDto>, ValidationProblem, ProblemHttpResult>> Upsert(
        string siteKey, string sku, ProductInput product, SiteDirectory sites, ProductSync sync, HttpContext http, CancellationToken ct)
    {
        if (await sites.FindByKeyAsync(siteKey, ct) is not { } site)
            return UnknownSite(siteKey);
        if (product.Sku is not null && product.Sku.Trim() != sku.Trim())
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["sku"] = [$"The body's SKU '{product.Sku}' differs from the route's '{sku}'."] });
        var input = product with { Sku = sku };
        if (input.Validate() is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        var (stored, created) = await sync.UpsertAsync(site, input, AuditActor.From(http), ct);
        return created ? TypedResults.Created($"/api/v1/products/{stored.Id}", stored) : TypedResults.Ok(stored);
    }

    private static async Task<Results<Ok<ProductDto>, ProblemHttpResult>> Delete(
        string siteKey, string sku, SiteDirectory sites, ProductSync sync, HttpContext http, CancellationToken ct)
    {
        if (await sites.FindByKeyAsync(siteKey, ct) is not { } site)
            return UnknownSite(siteKey);
        return await sync.DeleteAsync(site, sku, AuditActor.From(http), ct) is { } deleted
            ? TypedResults.Ok(deleted)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Product not found", detail: $"Site '{siteKey}' has no product '{sku}'.");
    }

    private static async Task<Results<Ok<IReadOnlyList<ProductDto>>, ValidationProblem, ProblemHttpResult>> List(
        SiteDirectory sites, ProductCatalog catalog, CancellationToken ct, string? siteKey = null, string? q = null)
    {
        if (string.IsNullOrWhiteSpace(siteKey))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["siteKey"] = ["The site key is required."] });
        if (await sites.FindByKeyAsync(siteKey, ct) is not { } site)
            return UnknownSite(siteKey);
        return TypedResults.Ok(await catalog.ListAsync(site.Id, q, ct));
    }

    private static async Task<Results<Ok<ProductDto>, ProblemHttpResult>> Get(Guid id, ProductCatalog catalog, CancellationToken ct) =>
        await catalog.FindAsync(id, ct) is { } product
            ? TypedResults.Ok(product)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Product not found", detail: $"There is no product with id {id}.");

    private static ProblemHttpResult UnknownSite(string siteKey) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Site not found", detail: $"There is no site with the key '{siteKey}'.");
}
