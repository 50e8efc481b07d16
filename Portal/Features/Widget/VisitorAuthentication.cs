using System.Security.Claims;

namespace Portal.Features.Widget;

/// <summary>
/// Authenticates widget hub connections by visitor token, sent as <c>?access_token=</c> (browsers) or as an
/// <c>Authorization: Bearer</c> header (other SignalR clients), SPEC §8.
/// </summary>
/// <remarks>
/// The widget hub's endpoint short-circuits the people-facing pipeline (cookies, two-factor, authorization, rate limits,
/// antiforgery: none of it applies to a visitor), so this middleware, before routing, is what lets a connection in. Going
/// through ASP.NET Core authentication and authorization instead kept their per-request state (a service scope, the
/// handlers, two authentication results, the middlewares' frames: about 1.5 KB) alive for as long as each idle widget
/// stays connected.
/// </remarks>
public static class VisitorAuthentication
{
    public const string AuthenticationType = "Visitor";

    /// <summary>Lets widget hub requests with a valid visitor token through as that visitor; answers 401 to the others.</summary>
    public static IApplicationBuilder UseVisitorAuthentication(this IApplicationBuilder app)
    {
        var tokens = app.ApplicationServices.GetRequiredService<VisitorTokens>();
        return app.Use((http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments(WidgetHub.Path))
                return next(http);
            if (tokens.Read(ReadToken(http.Request)) is not { } visitor)
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in as a visitor",
                    detail: "The visitor token is missing, invalid or has expired; start a widget session for a new one.").ExecuteAsync(http);
            http.User = new ClaimsPrincipal(new VisitorClaimsIdentity(visitor));
            return next(http);
        });
    }

    /// <summary>The token of a hub request: the bearer header, or <c>?access_token=</c> where browsers put it.</summary>
    public static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        var query = request.Query["access_token"].ToString();
        return string.IsNullOrEmpty(query) ? null : query;
    }

    public static VisitorIdentity? From(ClaimsPrincipal? user) => (user?.Identity as VisitorClaimsIdentity)?.Visitor;
}

/// <summary>
/// A signed-in visitor: the ids from the token as they are, with no claims. The principal lives as long as the widget's
/// connection, so three claims and their strings would cost every idle connection more than half a kilobyte, and every hub
/// call would parse them again.
/// </summary>
public sealed class VisitorClaimsIdentity(VisitorIdentity visitor) : ClaimsIdentity(VisitorAuthentication.AuthenticationType)
{
    public VisitorIdentity Visitor { get; } = visitor;

    public override ClaimsIdentity Clone() => new VisitorClaimsIdentity(Visitor);
}
