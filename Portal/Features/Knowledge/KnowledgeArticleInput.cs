using Portal.Features.Bot;

namespace Portal.Features.Knowledge;

/// <summary>
/// A knowledge article as an admin writes it. <see cref="Locale"/> is zh-Hans, zh-Hant or en; <see cref="Intent"/>, if given,
/// one of the bot's intent ids (SPEC §4.6); <see cref="Published"/> articles are what the bot finds.
/// </summary>
public sealed record KnowledgeArticleInput(
    Guid? SiteId, string? Title, string? Body, string? Locale, string? Keywords = null, string? Intent = null, bool Published = true)
{
    /// <summary>Every problem with the article's own fields, keyed by field; whether the site exists is the caller's to check.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (SiteId is null || SiteId == Guid.Empty)
            errors["siteId"] = ["The site is required."];
        if (string.IsNullOrWhiteSpace(Title))
            errors["title"] = ["The title is required."];
        else if (Title.Trim().Length > KnowledgeArticle.MaxTitleLength)
            errors["title"] = [$"At most {KnowledgeArticle.MaxTitleLength} characters."];
        if (string.IsNullOrWhiteSpace(Body))
            errors["body"] = ["The answer is required."];
        else if (Body.Trim().Length > KnowledgeArticle.MaxBodyLength)
            errors["body"] = [$"At most {KnowledgeArticle.MaxBodyLength} characters."];
        if (Keywords is not null && Keywords.Trim().Length > KnowledgeArticle.MaxKeywordsLength)
            errors["keywords"] = [$"At most {KnowledgeArticle.MaxKeywordsLength} characters."];
        if (!KnowledgeLocales.All.Contains(Locale?.Trim()))
            errors["locale"] = [$"The locale must be one of {string.Join(", ", KnowledgeLocales.All)}."];
        if (!string.IsNullOrWhiteSpace(Intent) && !Intents.All.Contains(Intent.Trim()))
            errors["intent"] = [$"Unknown intent '{Intent}'; use one of {string.Join(", ", Intents.All)}, or none."];
        return errors;
    }

    /// <summary>Copies a valid input onto an article.</summary>
    public void ApplyTo(KnowledgeArticle article)
    {
        article.SiteId = SiteId!.Value;
        article.Title = Title!.Trim();
        article.Body = Body!.Trim();
        article.Keywords = string.IsNullOrWhiteSpace(Keywords) ? null : Keywords.Trim();
        article.Intent = string.IsNullOrWhiteSpace(Intent) ? null : Intent.Trim();
        article.Locale = Locale!.Trim();
        article.Published = Published;
    }
}
