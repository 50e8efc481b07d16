using Microsoft.AspNetCore.Http.HttpResults;
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

    public static IEndpointRouteBuilder MapBotApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/bot").WithTags("Bot");
        api.MapPost("/classify", Classify).RequireAuthorization(Permissions.BotTrain)
            .WithName("ClassifyIntent").WithSummary("Classify a shopper's message")
            .WithDescription("The intent, the model's confidence (0–1) and the normalized text the bot read. 503 until the model is ready after the first start.");
        return app;
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
