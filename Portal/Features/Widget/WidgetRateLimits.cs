using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Features.Widget;

/// <summary>Flood limits on the widget's anonymous endpoint (SPEC §6): per client IP.</summary>
public static class WidgetRateLimits
{
    public const string SessionsPolicy = "widget-sessions";

    public static RateLimiterOptions AddWidgetRateLimits(this RateLimiterOptions options)
    {
        options.AddPolicy(SessionsPolicy, http =>
        {
            var perMinute = http.RequestServices.GetRequiredService<IOptions<WidgetOptions>>().Value.SessionsPerIpPerMinute;
            return RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = perMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
        });
        return options;
    }
}
