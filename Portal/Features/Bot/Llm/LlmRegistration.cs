namespace Portal.Features.Bot.Llm;

public static class LlmRegistration
{
    /// <summary>The LLM's settings, kernel factory, connection tester and the resilient HTTP client they share.</summary>
    public static IServiceCollection AddBotLlm(this IServiceCollection services)
    {
        services.AddSingleton<LlmSettingsStore>();
        services.AddSingleton<LlmKernelFactory>();
        services.AddSingleton<LlmConnectionTester>();
        LlmKernelFactory.AddLlmHttpClient(services);
        return services;
    }
}
