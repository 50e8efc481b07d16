namespace Portal.Features.Knowledge;

public static class KnowledgeFeature
{
    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KnowledgeSearch>();
        builder.Services.AddSingleton<KnowledgeBase>();
        return builder;
    }
}
