using Portal.Features.Bot.Dialogue;
using Portal.Features.Bot.Handover;
using Portal.Features.Bot.Llm;
using Portal.Features.Bot.Replies;
using Portal.Features.Bot.Annotation;
using Portal.Features.Bot.Training;

namespace Portal.Features.Bot;

public static class BotFeature
{
    public static WebApplicationBuilder AddBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotOptions>().BindConfiguration("Portal:Bot").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BotAvailability>();
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<IntentClassifier>();
        services.AddSingleton<IntentModelStore>();
        services.AddTransient<TrainIntentModelJob>();
        services.AddHostedService<IntentModelLoader>();
        services.AddHostedService<EmbeddedBotWarmUp>();
        services.AddBotLlm();
        services.AddSingleton<BotMemoryStore>();
        services.AddSingleton<EmbeddedBot>();
        services.AddSingleton<LlmBot>();
        services.AddSingleton<BotReplyEngine>();
        services.AddSingleton<BotHandover>();
        services.AddSingleton<BotSwitch>();
        services.AddSingleton<BotSettingsStore>();
        services.AddSingleton<UnansweredMessages>();
        services.AddSingleton<BotResponder>();
        services.AddHostedService(sp => sp.GetRequiredService<BotResponder>());
        services.AddSingleton<BotUtterances>();
        services.AddTransient<DeleteStaleUtterancesJob>();
        services.AddSingleton<TrainingExamples>();
        services.AddSingleton<IntentModelTraining>();
        services.AddTransient<RetrainIntentModelJob>();
        services.AddSingleton<IntentModelActivation>();
        return builder;
    }
}
