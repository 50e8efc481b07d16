using Microsoft.AspNetCore.SignalR;
using Portal.Hosting;

namespace Portal.Features.Conversations;

public static class ConversationsFeature
{
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ConversationEvents>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<ConversationMessages>();
        services.AddSingleton<ConversationActions>();
        services.AddSingleton<ConversationAudience>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationAudience>());
        if (RedisScaleOut.IsConfigured(builder.Configuration))
            services.AddHostedService<RedisEventRelay<ConversationEvents, ConversationEvent>>();
        services.AddOptions<FloodLimitOptions>().BindConfiguration("Portal:FloodLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FloodLimitFilter>();
        services.AddSignalR(hubs => hubs.AddFilter<FloodLimitFilter>());
        return builder;
    }
}
