namespace Portal.Features.Routing;

public static class RoutingFeature
{
    public static WebApplicationBuilder AddConversationRouting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<QueueAnnouncer>();
        services.AddSingleton<TeamDirectory>();
        services.AddSingleton<RoutingSettingsStore>();
        services.AddSingleton<ConversationTransfers>();
        services.AddTransient<AssignQueuedConversationsJob>();
        services.AddSingleton<ConversationRouter>();
        services.AddSingleton<RoutingQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutingQueue>());
        services.AddHostedService<RoutingTriggers>();
        return builder;
    }
}
