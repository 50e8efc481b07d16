using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Bot.Handover;
using Portal.Features.Conversations;
using Portal.Features.Team;

namespace Portal.Features.Bot;

/// <summary>The bot's understanding, for training and testing it (SPEC §4.6).</summary>
public static class BotApi
{
    public const int MaxTextLength = 4000;

    private static readonly string[] Locales = ["zh-Hans", "zh-Hant", "en"];

    /// <param name="Text">The shopper's message, 1–4000 characters.</param>
    /// <param name="Locale">Optional: zh-Hans, zh-Hant or en. The model reads all three itself, so it only has to be one of them.</param>
    public sealed record ClassifyRequest(string? Text, string? Locale);

    /// <param name="Active">true: the bot answers the conversation; false: people do.</param>
    public sealed record ConversationBotRequest(bool Active);

    /// <param name="Enabled">Whether the bot answers the site's new conversations first.</param>
    public sealed record SiteBotRequest(bool Enabled);

    public static IEndpointRouteBuilder MapBotApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/bot").WithTags("Bot");
        api.MapPost("/classify", Classify).RequireAuthorization(Permissions.BotTrain)
            .WithName("ClassifyIntent").WithSummary("Classify a shopper's message")
            .WithDescription("The intent, the model's confidence (0–1) and the normalized text the bot read. 503 until the model is ready after the first start.");
        api.MapGet("/settings", (BotSettingsStore store, CancellationToken ct) => store.GetAsync(ct))
            .RequireAuthorization(Permissions.BotTrain).WithName("GetBotSettings").WithSummary("Get when the bot hands over");
        api.MapPut("/settings", (BotSettings input, BotSettingsStore store, HttpContext http, CancellationToken ct) =>
                TeamApi.Validated(() => store.SaveAsync(input, AuditActor.From(http), ct)))
            .RequireAuthorization(Permissions.BotTrain).WithName("SaveBotSettings").WithSummary("Change when the bot hands over")
            .WithDescription("handoverIntents: intents that always go to a person; confidenceThreshold: below it the bot asks again; unclearTurnsBeforeHandover.");
        api.MapPut("/sites/{siteId:guid}", (Guid siteId, SiteBotRequest request, BotSwitch bot, HttpContext http, CancellationToken ct) =>
                TeamApi.Validated(() => bot.SetForSiteAsync(siteId, request.Enabled, AuditActor.From(http), ct)))
            .RequireAuthorization(Permissions.ChannelsManage).WithName("SetSiteBot").WithSummary("Turn the bot on or off for a site")
            .WithDescription("Off also hands the conversations the bot has now on that site to people.");
        api.MapPut("/conversations/{id:guid}", SetConversationBot)
            .RequireAuthorization(Permissions.ConversationsReply).WithName("SetConversationBot").WithSummary("Turn the bot on or off for a conversation")
            .WithDescription("Off: people answer and the conversation is routed at once. On: it leaves its agent and the bot answers again.");
        return app;
    }

    private static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> SetConversationBot(
        Guid id, ConversationBotRequest request, ConversationQueries queries, AccessDirectory access, ClaimsPrincipal user, BotSwitch bot,
        CancellationToken cancellationToken)
    {
        if ((await ConversationsApi.FindVisibleAsync(id, queries, access, user, cancellationToken)).Problem is { } problem)
            return problem;
        return TypedResults.Ok(await bot.SetForConversationAsync(id, request.Active, cancellationToken));
    }

    private static Results<Ok<IntentClassification>, ValidationProblem, ProblemHttpResult> Classify(ClassifyRequest request, IntentClassifier classifier)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text))
            errors["text"] = ["The text is required."];
        else if (request.Text.Length > MaxTextLength)
            errors["text"] = [$"The text may be at most {MaxTextLength} characters."];
        if (request.Locale is not null && !Locales.Contains(request.Locale))
            errors["locale"] = [$"The locale must be one of {string.Join(", ", Locales)}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (!classifier.IsReady)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The bot is still learning",
                detail: "The intent model is being trained after the first start; try again in a few seconds.");
        return TypedResults.Ok(classifier.Classify(request.Text));
    }
}
