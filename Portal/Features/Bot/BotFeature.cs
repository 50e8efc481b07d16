using Portal.Features.Bot.Llm;
using Portal.Features.Bot.Training;

namespace Portal.Features.Bot;

public static class BotFeature
{
    public static WebApplicationBuilder AddBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IntentClassifier>();
        services.AddSingleton<IntentModelStore>();
        services.AddTransient<TrainIntentModelJob>();
        services.AddHostedService<IntentModelLoader>();
        services.AddBotLlm();
        return builder;
    }
}
