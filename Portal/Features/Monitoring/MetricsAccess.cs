using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Features.Monitoring;

/// <summary>Keeps <c>/metrics</c> to the scrapers <see cref="MetricsAccessOptions"/> names: a bearer token, an address allowlist, or both.</summary>
public static class MetricsAccess
{
    public const string Path = "/metrics";

    public static IApplicationBuilder UseMetricsAccess(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), metrics => metrics.Use(async (http, next) =>
        {
            var options = http.RequestServices.GetRequiredService<IOptionsMonitor<MetricsAccessOptions>>().CurrentValue;
            if (Refusal(options, http) is { } refusal)
                await refusal.ExecuteAsync(http);
            else
                await next(http);
        }));

    private static IResult? Refusal(MetricsAccessOptions options, HttpContext http)
    {
        if (options.AllowedNetworks.Count > 0 && !IpNetworks.Contain(options.AllowedNetworks, http.Connection.RemoteIpAddress))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not an allowed address",
                detail: $"Metrics are served to the networks in Portal:Metrics:AllowedNetworks; {http.Connection.RemoteIpAddress} is not one of them.");
        if (!string.IsNullOrEmpty(options.Token) && !HasToken(http.Request, options.Token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Metrics token required",
                detail: "Send the token of Portal:Metrics:Token as 'Authorization: Bearer <token>'.");
        }
        return null;
    }

    private static bool HasToken(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
