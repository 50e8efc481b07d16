using Microsoft.Extensions.Options;

namespace Portal.Features.Demo;

public static class DemoFeature
{
    public const string SiteKeyPlaceholder = "{{SITE_KEY}}";

    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Portal:Demo").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<DemoSeeder>();
        return builder;
    }

    /// <summary><c>/demo</c>: a shop page that embeds the widget with the one-line script tag, as a real shop would.</summary>
    public static IEndpointRouteBuilder MapDemo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/demo", async (IWebHostEnvironment environment, IOptions<DemoOptions> options) =>
        {
            var page = environment.WebRootFileProvider.GetFileInfo("demo/index.html");
            await using var stream = page.CreateReadStream();
            using var reader = new StreamReader(stream);
            var html = (await reader.ReadToEndAsync()).Replace(SiteKeyPlaceholder, options.Value.SiteKey);
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
