using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Portal.Features.Team;

/// <summary>
/// A deactivated or expired account is anonymous from its next request on, whatever cookie or bearer token
/// it still holds; its console cookie is removed as well.
/// </summary>
public static class InactiveAccounts
{
    public static IApplicationBuilder UseInactiveAccountsSignedOut(this IApplicationBuilder app) =>
        app.Use((http, next) => http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? SignOutIfInactiveAsync(http, next, userId)
            // Nobody signed in (a shopper's widget, a static file): straight on, without an async frame that a
            // long-lived request (the widget's WebSocket) would keep for hours.
            : next(http));

    private static async Task SignOutIfInactiveAsync(HttpContext http, RequestDelegate next, string userId)
    {
        if (!(await http.RequestServices.GetRequiredService<AccessDirectory>().GetAsync(userId, http.RequestAborted)).IsUsable)
        {
            if (http.Request.Cookies.Keys.Any(k => k.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal)))
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(http);
    }
}
