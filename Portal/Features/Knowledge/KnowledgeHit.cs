namespace Portal.Features.Knowledge;

/// <summary>An article the bot found for a question; <see cref="Score"/> is its relevance (BM25, higher is better, not bounded).</summary>
public sealed record KnowledgeHit(Guid ArticleId, string Title, string Body, string? Intent, string Locale, double Score);
