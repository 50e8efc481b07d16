using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using MudBlazor.Services;
using Portal.Data;
using Portal.Features.Account;
using Portal.Features.Monitoring;
using Portal.Features.Team;
using Portal.Features.Widget;
using Scalar.AspNetCore;

namespace Portal.Hosting;

public static class PortalDefaults
{
    /// <summary>Options, database, identity, JSON, problem details, OpenAPI, telemetry, health and jobs.</summary>
    public static WebApplicationBuilder AddPortalDefaults(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddConsoleLogging();
        // `dotnet run` serves Blazor's and MudBlazor's files from the build output in every environment,
        // not only in Development; a published app has them in its own wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        services.AddOptions<PortalOptions>().BindConfiguration("Portal").ValidateDataAnnotations().ValidateOnStart();
        var portal = builder.Configuration.GetSection("Portal").Get<PortalOptions>() ?? new PortalOptions();
        var dataDirectory = portal.ResolveDataDirectory(builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);

        services.AddSingleton<TimeProvider>(new DatabasePrecisionClock());
        services.AddSingleton(sp => new ScaleOutHealth(sp.GetRequiredService<ILogger<ScaleOutHealth>>(), sp.GetService<StackExchange.Redis.IConnectionMultiplexer>()));
        services.AddSingleton(sp => new SingleNodeDuty(sp.GetService<StackExchange.Redis.IConnectionMultiplexer>()));
        var dataProtection = services.AddDataProtection().SetApplicationName("Portal");
        if (builder.AddRedisScaleOut(portal, dataProtection) is null)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        // Blazor first: the account feature then replaces Blazor's default AuthenticationStateProvider with its own.
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        builder.AddPortalDatabase(dataDirectory);
        builder.AddPortalAuthentication();
        builder.AddPortalTelemetry();
        builder.AddPortalHealthChecks();
        builder.AddPortalBackgroundJobs(dataDirectory);
        builder.AddReverseProxySupport();
        builder.AddHubKeepAlive();
        services.AddHostedService<MemoryRelease>();

        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        // Unreadable requests (malformed JSON, wrong types) reach the exception handler, which answers
        // 400 problem+json saying what could not be read instead of an empty "Bad Request".
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Title = "The request could not be read";
                context.ProblemDetails.Detail = bad.Message;
            }
        });
        services.AddOpenApi();
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddWidgetRateLimits();
        });
        services.AddSignalR(hubs => hubs.MaximumReceiveMessageSize = 64 * 1024)
            .AddJsonProtocol(json =>
                json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        return builder;
    }

    /// <summary>The middleware pipeline and the cross-cutting endpoints (health, metrics, OpenAPI, jobs).</summary>
    public static WebApplication UsePortalDefaults(this WebApplication app)
    {
        // First, so everything after sees the customer's address when a trusted proxy forwarded the request.
        app.UseForwardedHeaders();
        // A WebSocket has no error page to show and, once upgraded, no status to change, while each of these would keep
        // its frame alive for as long as the socket stays open (an idle widget for hours).
        app.UseWhen(http => !IsWebSocketRequest(http), answers =>
        {
            answers.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
                SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
            });
            // APIs and hubs answer errors as problem+json; people browsing get a page saying what happened.
            answers.UseWhen(http => IsForMachines(http.Request.Path), api => api.UseStatusCodePages());
            answers.UseWhen(http => !IsForMachines(http.Request.Path),
                pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        });
        app.UseStaticFiles();
        app.UseVisitorAuthentication();
        // Routing after the status-code pages, so a re-executed request finds the status page's endpoint.
        app.UseRouting();
        app.UseMetricsAccess();
        app.UseAuthentication();
        app.UseInactiveAccountsSignedOut();
        app.UseTwoFactorSetUpEnforced();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapPortalHealthChecks();
        app.MapPrometheusScrapingEndpoint(MetricsAccess.Path);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", scalar => scalar
            .WithTitle("Portal API")
            // No web fonts from the internet: Portal runs where there is none.
            .DisableDefaultFonts()
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapPortalBackgroundJobs();
        return app;
    }

    /// <summary>A request to open a WebSocket: an HTTP/1.1 upgrade or an HTTP/2 extended CONNECT.</summary>
    private static bool IsWebSocketRequest(HttpContext http) =>
        http.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || http.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    private static bool IsForMachines(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/openapi")
        || path.StartsWithSegments("/metrics");
}
