using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using Portal.Features.Monitoring;

namespace Portal.Hosting;

public static class Telemetry
{
    /// <summary>OpenTelemetry metrics exported for Prometheus at <c>/metrics</c> (SPEC §4.7).</summary>
    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalMetrics>();
        builder.Services.AddSingleton<WaitingConversations>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WaitingConversations>());
        builder.Services.AddOptions<MetricsAccessOptions>().BindConfiguration("Portal:Metrics").ValidateDataAnnotations().ValidateOnStart();
        // Portal's and ASP.NET Core's meters (Kestrel, SignalR included) are made per app by its IMeterFactory; only
        // this app's are listened to. The SDK shares one stream among same-named meters and ends it when any of them
        // is disposed, so another app stopping in the same process (the tests run several) would take these with it.
        // HttpClient's meter is made the same way for the clients IHttpClientFactory builds (the LLM's, webhooks).
        foreach (var meter in new[] { PortalMetrics.MeterName, "Microsoft.AspNetCore", "System.Net.Http" })
            builder.Metrics.EnableMetrics(meter, scopes: MeterScope.Local);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("System.Runtime", "Microsoft.EntityFrameworkCore")
            .AddPrometheusExporter());
        return builder;
    }
}
