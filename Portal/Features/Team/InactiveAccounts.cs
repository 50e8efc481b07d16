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
        app.Use(async (http, next) =>
        {
            var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (userId is not null
                && !(await http.RequestServices.GetRequiredService<AccessDirectory>().GetAsync(userId, http.RequestAborted)).IsUsable)
            {
                if (http.Request.Cookies.Keys.Any(k => k.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal)))
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            await next(http);
        });
}
