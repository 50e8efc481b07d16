using OpenTelemetry.Metrics;
using Portal.Features.Monitoring;

namespace Portal.Hosting;

public static class Telemetry
{
    /// <summary>OpenTelemetry metrics exported for Prometheus at <c>/metrics</c> (SPEC §4.7).</summary>
    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalMetrics>();
        builder.Services.AddOptions<MetricsAccessOptions>().BindConfiguration("Portal:Metrics").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PortalMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }
}
