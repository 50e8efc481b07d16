using Portal.Features.Knowledge.Retrieval;

namespace Portal.Features.Knowledge;

/// <summary>
/// One site's published articles, indexed for the bot's questions (<see cref="KnowledgeSearch"/> keeps one per site).
/// Immutable: build a new one when the articles change.
/// </summary>
public sealed class KnowledgeIndex
{
    /// <summary>
    /// Below this a match is chance: one shared common word or a few shared characters. A question that shares one
    /// distinctive word with an article's title (退货, refund) scores well above it.
    /// </summary>
    public const double MinimumScore = 2.5;

    // Title and keywords say what an article is about; its body also mentions other topics in passing.
    private static readonly double[] FieldWeights = [3, 2.5, 1];

    private readonly IReadOnlyList<KnowledgeArticle> _articles;
    private readonly Bm25Index<int> _index;

    /// <param name="articles">The articles to search, oldest first (of an intent's articles, the oldest answers it).</param>
    public KnowledgeIndex(IEnumerable<KnowledgeArticle> articles)
    {
        _articles = [.. articles];
        _index = new Bm25Index<int>(_articles.Select((a, i) => (i, (IReadOnlyList<string?>)[a.Title, a.Keywords, a.Body])), FieldWeights);
    }

    /// <summary>
    /// The articles that answer <paramref name="query"/>, best first, at most <paramref name="take"/>. Of an article and its
    /// translations only the one nearest to <paramref name="preferredLocale"/> is returned.
    /// </summary>
    public IReadOnlyList<KnowledgeHit> Search(string query, string? preferredLocale, int take)
    {
        var preferred = KnowledgeLocales.Resolve(preferredLocale);
        var matches = _index.Search(query, MinimumScore).Select(match => (Article: _articles[match.Key], match.Score)).ToList();
        var hits = new List<KnowledgeHit>();
        foreach (var (article, _) in matches.OrderByDescending(m => m.Score * LocaleFactor(m.Article.Locale, preferred)))
        {
            if (hits.Count >= take)
                break;
            if (hits.Any(hit => hit.ArticleId == article.Id || AreTranslations(hit.Locale, hit.Title, hit.Intent, article)))
                continue;
            // The topic's version nearest to the shopper's language, even when another one matched the words better.
            var (nearest, score) = matches
                .Where(m => m.Article == article || AreTranslations(article.Locale, article.Title, article.Intent, m.Article))
                .OrderByDescending(m => KnowledgeLocales.Affinity(m.Article.Locale, preferred)).ThenByDescending(m => m.Score)
                .First();
            hits.Add(ToHit(nearest, score));
        }
        return hits;
    }

    /// <summary>The oldest article with the intent in the locale nearest to <paramref name="preferredLocale"/>, scored 1; or null.</summary>
    public KnowledgeHit? ForIntent(string intent, string? preferredLocale)
    {
        var preferred = KnowledgeLocales.Resolve(preferredLocale);
        return _articles
            .Where(a => a.Intent == intent)
            .OrderByDescending(a => KnowledgeLocales.Affinity(a.Locale, preferred))
            .Select(a => ToHit(a, 1))
            .FirstOrDefault();
    }

    private static KnowledgeHit ToHit(KnowledgeArticle article, double score) =>
        new(article.Id, article.Title, article.Body, article.Intent, article.Locale, score);

    private static double LocaleFactor(string locale, string? preferred) =>
        preferred is null ? 1 : KnowledgeLocales.Affinity(locale, preferred) switch { 2 => 1, 1 => 0.85, _ => 0.7 };

    /// <summary>
    /// Whether an article is a translation of another (given by its locale, title and intent): another locale and the same
    /// intent, and, for the two Chinese scripts (whose normalized texts nearly coincide), a similar title instead.
    /// </summary>
    private static bool AreTranslations(string locale, string title, string? intent, KnowledgeArticle article)
    {
        if (locale == article.Locale)
            return false;
        if (KnowledgeLocales.IsChinese(locale) && KnowledgeLocales.IsChinese(article.Locale))
            return TitleSimilarity(title, article.Title) >= 0.5;
        return intent is not null && intent == article.Intent;
    }

    /// <summary>Dice coefficient of the titles' search terms.</summary>
    private static double TitleSimilarity(string first, string second)
    {
        var a = SearchTokenizer.Tokenize(first).ToHashSet(StringComparer.Ordinal);
        var b = SearchTokenizer.Tokenize(second).ToHashSet(StringComparer.Ordinal);
        return a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
    }
}
