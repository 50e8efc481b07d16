using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Components.Account;
using Portal.Data;
using Portal.Features.Team;
using Portal.Features.Widget;

namespace Portal.Hosting;

public static class Authentication
{
    private const string CookieOrBearer = "CookieOrBearer";

    /// <summary>
    /// Identity cookies for the console and Identity bearer tokens for API clients (SPEC §4.1): a request with a bearer
    /// token, or a hub request with <c>?access_token=</c>, is read as a bearer request; anything else by cookie. (The
    /// widget hub takes visitor tokens, outside this: <see cref="VisitorAuthentication"/>.)
    /// </summary>
    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearer;
                options.DefaultChallengeScheme = CookieOrBearer;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", policy => policy.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || (http.Request.Path.StartsWithSegments("/hubs") && http.Request.Query.ContainsKey("access_token"))
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, bearer =>
            {
                bearer.BearerTokenExpiration = TimeSpan.FromHours(1);
                bearer.Events = new BearerTokenEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs"))
                            context.Token ??= VisitorAuthentication.ReadToken(context.Request);
                        return Task.CompletedTask;
                    },
                };
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(7);
            cookie.SlidingExpiration = true;
            // APIs and hubs answer 401/403 (as problem+json); only pages redirect to the login page.
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<PortalUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 8;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalUserClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddSingleton<AccessDirectory>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddAuthorizationBuilder().AddPermissionPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        return builder;
    }

    private static Task RedirectOrStatus(HttpContext http, string redirectUri, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs"))
            http.Response.StatusCode = status;
        else
            http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
