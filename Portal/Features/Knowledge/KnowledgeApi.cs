using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Bot;
using Portal.Features.Team;

namespace Portal.Features.Knowledge;

/// <summary>The bot's knowledge base (issue #4): FAQ articles per site, and the search the bot runs over them.</summary>
public static class KnowledgeApi
{
    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/knowledge").WithTags("Knowledge").RequireAuthorization(Permissions.BotTrain);
        api.MapGet("/", List).WithName("ListKnowledgeArticles").WithSummary("List knowledge articles")
            .WithDescription("Published or not, last changed first, up to 500. q matches title, keywords and body in either Chinese script.");
        api.MapGet("/search", Search).WithName("SearchKnowledge").WithSummary("What the bot finds for a question")
            .WithDescription("The site's published articles that answer q, best first, with their scores; locale (zh-Hans, zh-Hant, en or zh-CN, zh-TW …) is preferred among translations.");
        api.MapGet("/{id:guid}", Get).WithName("GetKnowledgeArticle").WithSummary("Get a knowledge article");
        api.MapPost("/", Create).WithName("CreateKnowledgeArticle").WithSummary("Write a knowledge article");
        api.MapPut("/{id:guid}", Update).WithName("UpdateKnowledgeArticle").WithSummary("Change a knowledge article");
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteKnowledgeArticle").WithSummary("Delete a knowledge article");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<KnowledgeArticleDto>>, ValidationProblem>> List(
        KnowledgeBase knowledge, CancellationToken ct, Guid? siteId = null, string? q = null, string? locale = null)
    {
        if (!string.IsNullOrWhiteSpace(locale) && !KnowledgeLocales.All.Contains(locale.Trim()))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["locale"] = [LocaleMessage] });
        return TypedResults.Ok(await knowledge.ListAsync(siteId, q, locale, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<KnowledgeHit>>, ValidationProblem>> Search(
        KnowledgeSearch search, CancellationToken ct, Guid? siteId = null, string? q = null, string? locale = null, int take = 3)
    {
        var errors = new Dictionary<string, string[]>();
        if (siteId is null)
            errors["siteId"] = ["The site is required."];
        if (string.IsNullOrWhiteSpace(q))
            errors["q"] = ["The question is required."];
        else if (q.Length > BotApi.MaxTextLength)
            errors["q"] = [$"The question may be at most {BotApi.MaxTextLength} characters."];
        if (!string.IsNullOrWhiteSpace(locale) && KnowledgeLocales.Resolve(locale) is null)
            errors["locale"] = [LocaleMessage];
        if (take is < 1 or > KnowledgeSearch.MaxTake)
            errors["take"] = [$"Between 1 and {KnowledgeSearch.MaxTake}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await search.SearchAsync(siteId!.Value, q!, locale, take, ct));
    }

    private static async Task<Results<Ok<KnowledgeArticleDto>, ProblemHttpResult>> Get(Guid id, KnowledgeBase knowledge, CancellationToken ct) =>
        await knowledge.FindAsync(id, ct) is { } article
            ? TypedResults.Ok(article)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no knowledge article with id {id}.");

    private static Task<Results<Ok<KnowledgeArticleDto>, ValidationProblem, ProblemHttpResult>> Create(
        KnowledgeArticleInput input, KnowledgeBase knowledge, HttpContext http, CancellationToken ct) =>
        TeamApi.Validated(() => knowledge.SaveAsync(null, input, AuditActor.From(http), ct));

    private static Task<Results<Ok<KnowledgeArticleDto>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, KnowledgeArticleInput input, KnowledgeBase knowledge, HttpContext http, CancellationToken ct) =>
        TeamApi.Validated(() => knowledge.SaveAsync(id, input, AuditActor.From(http), ct));

    private static Task<Results<Ok<KnowledgeArticleDto>, ValidationProblem, ProblemHttpResult>> Delete(
        Guid id, KnowledgeBase knowledge, HttpContext http, CancellationToken ct) =>
        TeamApi.Validated(() => knowledge.DeleteAsync(id, AuditActor.From(http), ct));

    private static string LocaleMessage => $"The locale must be one of {string.Join(", ", KnowledgeLocales.All)}.";
}
