using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Bot.Understanding;
using Portal.Features.Team;

namespace Portal.Features.Knowledge;

/// <summary>
/// Lists, writes and deletes knowledge articles; each change is saved with its audit entry, and the bot's search of the
/// site sees it at once.
/// </summary>
public sealed class KnowledgeBase(
    IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit, KnowledgeSearch search, TimeProvider clock)
{
    public const int MaxListed = 500;

    /// <summary>
    /// Articles, published or not, newest change first: of one site or all, in one locale or all, and those whose title,
    /// keywords or body contain <paramref name="text"/> (in either Chinese script, any case).
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeArticleDto>> ListAsync(Guid? siteId, string? text, string? locale, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var articles = db.KnowledgeArticles.AsNoTracking();
        if (siteId is { } site)
            articles = articles.Where(a => a.SiteId == site);
        if (!string.IsNullOrWhiteSpace(locale))
            articles = articles.Where(a => a.Locale == locale.Trim());
        var found = await articles.OrderByDescending(a => a.UpdatedAt).ToListAsync(ct);
        var wanted = TextNormalizer.Normalize(text);
        return [.. found
            .Where(a => wanted.Length == 0 || TextNormalizer.Normalize($"{a.Title}\n{a.Keywords}\n{a.Body}").Contains(wanted, StringComparison.Ordinal))
            .Take(MaxListed)
            .Select(KnowledgeArticleDto.From)];
    }

    public async Task<KnowledgeArticleDto?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.KnowledgeArticles.AsNoTracking().Where(a => a.Id == id).Select(a => KnowledgeArticleDto.From(a)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Creates or (with an <paramref name="id"/>) changes an article; audited as knowledge.created or knowledge.changed.</summary>
    /// <exception cref="TeamValidationException">The input is invalid or names no site.</exception>
    /// <exception cref="TeamNotFoundException">There is no article with the id.</exception>
    public async Task<KnowledgeArticleDto> SaveAsync(Guid? id, KnowledgeArticleInput input, AuditActor actor, CancellationToken ct = default)
    {
        var errors = input.Validate();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!errors.ContainsKey("siteId") && !await db.Sites.AnyAsync(s => s.Id == input.SiteId, ct))
            errors["siteId"] = [$"There is no site with id {input.SiteId}."];
        if (errors.Count > 0)
            throw new TeamValidationException(errors);

        KnowledgeArticleDto? before = null;
        KnowledgeArticleDto after;
        using (await writeGate.EnterAsync(ct))
        {
            KnowledgeArticle article;
            if (id is { } existing)
            {
                article = await db.KnowledgeArticles.FirstOrDefaultAsync(a => a.Id == existing, ct) ?? throw NotFound(existing);
                before = KnowledgeArticleDto.From(article);
            }
            else
            {
                article = db.KnowledgeArticles.Add(new KnowledgeArticle { Title = "", Body = "", Locale = "" }).Entity;
            }
            input.ApplyTo(article);
            (article.UpdatedAt, article.UpdatedById) = (clock.GetUtcNow().UtcDateTime, actor.UserId);
            after = KnowledgeArticleDto.From(article);
            await audit.AppendAsync(db, actor, before is null ? "knowledge.created" : "knowledge.changed", Target(after), before, after, ct);
            await db.SaveChangesAsync(ct);
        }
        if (before is not null)
            search.Invalidate(before.SiteId);
        search.Invalidate(after.SiteId);
        return after;
    }

    /// <summary>Deletes an article for good; audited as knowledge.deleted with what it said.</summary>
    /// <exception cref="TeamNotFoundException">There is no article with the id.</exception>
    public async Task<KnowledgeArticleDto> DeleteAsync(Guid id, AuditActor actor, CancellationToken ct = default)
    {
        KnowledgeArticleDto deleted;
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var article = await db.KnowledgeArticles.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound(id);
            deleted = KnowledgeArticleDto.From(article);
            db.KnowledgeArticles.Remove(article);
            await audit.AppendAsync(db, actor, "knowledge.deleted", Target(deleted), deleted, null, ct);
            await db.SaveChangesAsync(ct);
        }
        search.Invalidate(deleted.SiteId);
        return deleted;
    }

    private static string Target(KnowledgeArticleDto article) => $"knowledge:{article.Title}";

    private static TeamNotFoundException NotFound(Guid id) => new($"There is no knowledge article with id {id}.");
}
