namespace Portal.Features.Sites;

public static class SitesFeature
{
    public static WebApplicationBuilder AddSites(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SiteDirectory>();
        return builder;
    }
}
