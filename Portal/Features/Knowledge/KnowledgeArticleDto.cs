namespace Portal.Features.Knowledge;

/// <summary>A knowledge article as the API, the admin page and the audit log show it.</summary>
public sealed record KnowledgeArticleDto(
    Guid Id, Guid SiteId, string Title, string Body, string? Keywords, string? Intent, string Locale, bool Published,
    DateTime UpdatedAt, string? UpdatedById)
{
    public static KnowledgeArticleDto From(KnowledgeArticle a) =>
        new(a.Id, a.SiteId, a.Title, a.Body, a.Keywords, a.Intent, a.Locale, a.Published, a.UpdatedAt, a.UpdatedById);
}
