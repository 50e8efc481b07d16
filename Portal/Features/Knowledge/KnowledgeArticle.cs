namespace Portal.Features.Knowledge;

/// <summary>A FAQ article of a site's knowledge base: what the bot searches to answer shoppers, edited by admins.</summary>
public sealed class KnowledgeArticle
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 8000;
    public const int MaxKeywordsLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }
    public required string Title { get; set; }

    /// <summary>Plain text, shown to shoppers as written.</summary>
    public required string Body { get; set; }

    /// <summary>Other words shoppers use for the topic (synonyms, spellings), separated by spaces or commas; searched like the title.</summary>
    public string? Keywords { get; set; }

    /// <summary>The bot intent the article answers (<see cref="Bot.Intents"/>), if any.</summary>
    public string? Intent { get; set; }

    /// <summary>One of <see cref="KnowledgeLocales.All"/>.</summary>
    public required string Locale { get; set; }

    /// <summary>Only published articles are found by the bot.</summary>
    public bool Published { get; set; }

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public string? UpdatedById { get; set; }
}
