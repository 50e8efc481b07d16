using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Sites;

/// <summary>Looks sites up by id or by the key in their script tag.</summary>
public sealed class SiteDirectory(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<Site?> FindByKeyAsync(string siteKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.SiteKey == siteKey, cancellationToken);
    }

    public async Task<Site?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<Site>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// True when the request may use the site: the site lists no origins, the request has no Origin
    /// (a server or app client), it comes from Portal itself (the widget's frame), or its origin is listed.
    /// </summary>
    public static bool AllowsRequest(Site site, HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var portalOrigin = $"{request.Scheme}://{request.Host}";
        return site.AllowedOrigins.Count == 0
            || string.IsNullOrEmpty(origin)
            || string.Equals(origin, portalOrigin, StringComparison.OrdinalIgnoreCase)
            || site.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }
}
