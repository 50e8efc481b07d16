namespace Portal.Features.Catalog;

public static class CatalogFeature
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProductCatalog>();
        builder.Services.AddSingleton<ProductSync>();
        return builder;
    }
}
