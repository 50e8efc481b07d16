using Portal.Hosting;

namespace Portal.Features.Alerts;

public static class AlertsFeature
{
    /// <summary>Alert rules evaluated on the live samples, their history, the layout's notifications and the signed webhook.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AlertNotifier>();
        // Every node's pages hear of an alert, whichever node evaluated it.
        if (RedisScaleOut.IsConfigured(builder.Configuration))
            services.AddHostedService<RedisEventRelay<AlertNotifier, AlertChanged>>();
        services.AddSingleton<AlertRules>();
        services.AddSingleton<AlertHistory>();
        services.AddSingleton<AlertWebhookStore>();
        services.AddSingleton<AlertWebhookSender>();
        services.AddSingleton<AlertWebhookTest>();
        services.AddTransient<SendAlertWebhookJob>();
        AlertWebhookSender.AddHttpClient(services);
        services.AddSingleton<AlertEvaluator>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertEvaluator>());
        return builder;
    }
}
