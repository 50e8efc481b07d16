using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Portal.Features.Team;

namespace Portal.Features.Account;

/// <summary>
/// Someone whose role requires two-factor sign-in but who has not set it up may sign in with their password,
/// and then reach only the account pages until they set it up: every other page sends them to
/// <see cref="SetUpPath"/>, every API endpoint and hub answers 403. Anonymous endpoints (widget, sign-in) stay open.
/// </summary>
public static class TwoFactorEnforcement
{
    private const string SetUpPath = "/account/two-factor";

    private const string RequiredDetail = "Two-factor sign-in is required for your role; set it up in the console.";

    public static IApplicationBuilder UseTwoFactorSetUpEnforced(this IApplicationBuilder app) =>
        app.Use((http, next) =>
            NeedsSignedInUser(http)
            && !http.Request.Path.StartsWithSegments("/account")
            && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                ? RefuseWithoutTwoFactorAsync(http, next, userId)
                // Not a staff member's request: straight on, without an async frame that a long-lived request (a
                // shopper's widget WebSocket) would keep for hours.
                : next(http));

    private static async Task RefuseWithoutTwoFactorAsync(HttpContext http, RequestDelegate next, string userId)
    {
        if ((await http.RequestServices.GetRequiredService<AccessDirectory>().GetAsync(userId, http.RequestAborted)).MustSetUpTwoFactor)
            await Refuse(http);
        else
            await next(http);
    }

    private static bool NeedsSignedInUser(HttpContext http) =>
        http.GetEndpoint()?.Metadata is { } metadata
        && metadata.GetMetadata<IAuthorizeData>() is not null
        && metadata.GetMetadata<IAllowAnonymous>() is null;

    private static Task Refuse(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs"))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Two-factor sign-in required", detail: RequiredDetail).ExecuteAsync(http);
        http.Response.Redirect($"{SetUpPath}?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}");
        return Task.CompletedTask;
    }
}
