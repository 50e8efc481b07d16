using Portal.Features.Monitoring.Dashboard;
using Portal.Features.Monitoring.Live;

namespace Portal.Features.Monitoring;

public static class MonitoringFeature
{
    /// <summary>The live figures behind the dashboard and the alert rules.</summary>
    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveMonitorOptions>().BindConfiguration("Portal:Monitoring").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ServerErrors>();
        builder.Services.AddSingleton<LiveFigureQueries>();
        builder.Services.AddSingleton<MonitoringSamples>();
        builder.Services.AddSingleton<LiveMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveMonitor>());
        builder.Services.AddSingleton<LiveDashboard>();
        return builder;
    }
}
