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
        // Only this app's own meters (made by its IMeterFactory), not every meter of that name in the process: the
        // SDK shares one stream among same-named meters and ends it when any of them is disposed, so another app
        // stopping in the same process (the tests run several) would silently take this app's instruments with it.
        builder.Metrics.EnableMetrics(PortalMetrics.MeterName, scopes: MeterScope.Local);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }
}
