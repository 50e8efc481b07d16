using Microsoft.Net.Http.Headers;
using Portal.Features.Sites;

namespace Portal.Features.Widget;

public static class WidgetApi
{
    public static IEndpointRouteBuilder MapWidgetApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/widget/sessions", StartWidgetSession.Handle)
            .WithTags("Widget").WithName("StartWidgetSession").AllowAnonymous()
            .RequireRateLimiting(WidgetRateLimits.SessionsPolicy)
            .WithSummary("Start or resume a widget session")
            .WithDescription("Returns the visitor token for /hubs/widget and the visitor's conversation id. Pass the stored visitorToken to keep the conversation; pass user (setUser) to identify the customer.");

        app.MapGet("/widget/frame", ServeFrame).ExcludeFromDescription().AllowAnonymous();
        // Straight from routing to the hub: visitors were let in before routing (VisitorAuthentication), and nothing after
        // it (cookies, two-factor, authorization, rate limits, antiforgery) is for them; each of those would keep its
        // per-request state alive for as long as an idle widget stays connected.
        app.MapHub<WidgetHub>(WidgetHub.Path).ShortCircuit();
        return app;
    }

    /// <summary>
    /// The chat app inside the widget's iframe. Browsers refuse to frame it on origins the site does not list
    /// (CSP frame-ancestors), so another shop cannot embed someone else's chat.
    /// </summary>
    private static async Task<IResult> ServeFrame(HttpContext http, SiteDirectory sites, IWebHostEnvironment environment, string? site)
    {
        var frame = environment.WebRootFileProvider.GetFileInfo("widget/frame.html");
        if (!frame.Exists)
            return TypedResults.Problem(statusCode: 503, title: "Widget not built", detail: "wwwroot/widget/frame.html is missing; run npm run build in Portal.Widget.");
        var known = string.IsNullOrEmpty(site) ? null : await sites.FindByKeyAsync(site, http.RequestAborted);
        var ancestors = known is { AllowedOrigins.Count: > 0 } ? string.Join(' ', known.AllowedOrigins) : "*";
        http.Response.Headers[HeaderNames.ContentSecurityPolicy] = $"frame-ancestors 'self' {ancestors}";
        http.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        await using var stream = frame.CreateReadStream();
        using var reader = new StreamReader(stream);
        return TypedResults.Content(await reader.ReadToEndAsync(), "text/html; charset=utf-8");
    }
}
