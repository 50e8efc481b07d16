using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Portal.Features.Monitoring;
using Portal.Features.Monitoring.Traces;

namespace Portal.Hosting;

public static class Telemetry
{
    /// <summary>
    /// OpenTelemetry metrics exported for Prometheus at <c>/metrics</c> (SPEC §4.7), and message traces kept in the app
    /// (and sent to an OTLP collector when <c>Portal:Telemetry:OtlpEndpoint</c> is set).
    /// </summary>
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
        builder.AddMessageTracing();
        return builder;
    }

    private static void AddMessageTracing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TracingOptions>().BindConfiguration(TracingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MessageTracing>();
        builder.Services.AddSingleton<RecentTraces>();
        var options = builder.Configuration.GetSection(TracingOptions.Section).Get<TracingOptions>() ?? new TracingOptions();
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            // Every message is traced, also under a request whose own activity nobody records (ASP.NET Core starts one
            // unsampled) or a caller's traceparent that says "not sampled": otherwise /admin/traces would miss them.
            tracing.AddSource(MessageTracing.SourceName)
                .SetSampler(new AlwaysOnSampler())
                .AddProcessor(sp => new RecentTracesProcessor(sp.GetRequiredService<MessageTracing>(), sp.GetRequiredService<RecentTraces>()));
            // An address that is not one fails the options' validation on start.
            if (Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
                tracing.AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = endpoint;
                    otlp.Protocol = options.OtlpProtocol;
                });
        });
    }
}
