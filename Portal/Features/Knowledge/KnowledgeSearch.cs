using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Knowledge;

/// <summary>
/// Finds a site's published knowledge articles for a shopper's question, in zh-Hans, zh-Hant or English (one question
/// finds articles in both Chinese scripts). Each site's <see cref="KnowledgeIndex"/> is built on its first search and
/// rebuilt after its articles change (<see cref="Invalidate"/>).
/// </summary>
public sealed class KnowledgeSearch(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int MaxTake = 20;

    private readonly ConcurrentDictionary<Guid, Lazy<Task<KnowledgeIndex>>> _sites = new();

    /// <summary>
    /// The published articles of the site that answer <paramref name="query"/>, best first, at most <paramref name="take"/>
    /// (up to 20); empty when nothing answers it well enough. Of an article and its translations only the one nearest to
    /// <paramref name="preferredLocale"/> (zh-Hans, zh-Hant, en, or what a browser reports, e.g. zh-TW) is returned.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(
        Guid siteId, string query, string? preferredLocale, int take = 3, CancellationToken ct = default)
    {
        if (take <= 0 || string.IsNullOrWhiteSpace(query))
            return [];
        return (await IndexOfAsync(siteId, ct)).Search(query, preferredLocale, Math.Min(take, MaxTake));
    }

    /// <summary>
    /// The site's published article tagged with <paramref name="intent"/> in the locale nearest to <paramref name="preferredLocale"/>;
    /// of several, the one written first. Its score is 1. Null when no published article has the intent.
    /// </summary>
    public async Task<KnowledgeHit?> ForIntentAsync(Guid siteId, string intent, string? preferredLocale, CancellationToken ct = default) =>
        (await IndexOfAsync(siteId, ct)).ForIntent(intent, preferredLocale);

    /// <summary>Forgets the site's index, so the next search reads its articles again.</summary>
    public void Invalidate(Guid siteId) => _sites.TryRemove(siteId, out _);

    private async Task<KnowledgeIndex> IndexOfAsync(Guid siteId, CancellationToken ct)
    {
        var entry = _sites.GetOrAdd(siteId, id => new Lazy<Task<KnowledgeIndex>>(() => LoadAsync(id)));
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            // A failed load (the database was briefly unavailable) must not stay cached.
            _sites.TryRemove(new KeyValuePair<Guid, Lazy<Task<KnowledgeIndex>>>(siteId, entry));
            throw;
        }
    }

    private async Task<KnowledgeIndex> LoadAsync(Guid siteId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        // Version 7 ids sort by creation, so the index gets the articles oldest first.
        var articles = await db.KnowledgeArticles.AsNoTracking()
            .Where(a => a.SiteId == siteId && a.Published)
            .OrderBy(a => a.Id)
            .ToListAsync();
        return new KnowledgeIndex(articles);
    }
}
