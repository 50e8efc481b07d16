using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Team;

namespace Portal.Features.Bot.Llm;

/// <summary>The bot's LLM (issue #4 part 1): <c>/api/v1/bot/assistant</c>. The API key is write-only.</summary>
public static class BotAssistantApi
{
    public static IEndpointRouteBuilder MapBotAssistantApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/bot/assistant").WithTags("Bot").RequireAuthorization(Permissions.BotTrain);
        api.MapGet("/", async (LlmSettingsStore store, CancellationToken ct) => TypedResults.Ok(LlmSettingsView.Of(await store.GetAsync(ct))))
            .WithName("GetBotAssistant").WithSummary("The bot's LLM settings")
            .WithDescription("Endpoint, model, persona, temperature, deadline and history length; hasApiKey says whether a key is stored, never the key.");
        api.MapPut("/", Save)
            .WithName("SaveBotAssistant").WithSummary("Change the bot's LLM settings")
            .WithDescription("An empty apiKey keeps the stored key; clearApiKey removes it. The key is stored encrypted.");
        api.MapPost("/test", Test)
            .WithName("TestBotAssistant").WithSummary("Test the connection to the LLM")
            .WithDescription("Sends a tiny completion with the posted settings (an empty apiKey uses the stored key) or, without a body, the saved ones.");
        return app;
    }

    private static async Task<Results<Ok<LlmSettingsView>, ValidationProblem>> Save(
        LlmSettingsInput input, LlmSettingsStore store, HttpContext http, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await store.SaveAsync(input, AuditActor.From(http), ct));
        }
        catch (LlmSettingsException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
    }

    private static async Task<Results<Ok<LlmConnectionResult>, ValidationProblem>> Test(
        LlmSettingsInput? input, LlmSettingsStore store, LlmConnectionTester tester, CancellationToken ct)
    {
        LlmSettings settings;
        try
        {
            settings = input is null ? await store.GetAsync(ct) : await store.ResolveAsync(input, ct);
        }
        catch (LlmSettingsException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
        return TypedResults.Ok(await tester.TestAsync(settings, ct));
    }
}
