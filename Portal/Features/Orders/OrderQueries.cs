using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Contacts;

namespace Portal.Features.Orders;

/// <summary>Reads orders for the API and the console's customer panel, newest first.</summary>
public sealed class OrderQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int MaxListed = 200;

    public async Task<OrderDto?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? null : OrderDto.From(order);
    }

    /// <summary>A site's order by its number as the customer wrote it (case and surrounding spaces ignored); deleted orders are not found.</summary>
    public async Task<OrderDto?> FindByNumberAsync(Guid siteId, string number, CancellationToken ct = default)
    {
        var wanted = number.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.SiteId == siteId && o.Number == wanted && o.DeletedAt == null, ct)
            ?? await db.Orders.AsNoTracking().FirstOrDefaultAsync(
                o => o.SiteId == siteId && o.Number.ToUpper() == wanted.ToUpperInvariant() && o.DeletedAt == null, ct);
        return order is null ? null : OrderDto.From(order);
    }

    /// <summary>A site's orders (or every site's), optionally of one customer: their shop user id, e-mail or phone.</summary>
    public async Task<IReadOnlyList<OrderDto>> ListAsync(Guid? siteId, string? customer, bool includeDeleted, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = db.Orders.AsNoTracking();
        if (siteId is { } site)
            orders = orders.Where(o => o.SiteId == site);
        if (!string.IsNullOrWhiteSpace(customer))
        {
            var who = customer.Trim();
            var email = who.ToLowerInvariant();
            orders = orders.Where(o => o.CustomerExternalId == who || o.CustomerEmail == email || o.CustomerPhone == who);
        }
        return await ReadAsync(orders, includeDeleted, ct);
    }

    /// <summary>The orders of a conversation's customer (<see cref="OrderMatching"/>).</summary>
    public async Task<IReadOnlyList<OrderDto>> ForContactAsync(Contact contact, bool includeDeleted, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db.Orders.AsNoTracking().Where(OrderMatching.BelongsTo(contact)), includeDeleted, ct);
    }

    private static async Task<IReadOnlyList<OrderDto>> ReadAsync(IQueryable<Order> orders, bool includeDeleted, CancellationToken ct)
    {
        if (!includeDeleted)
            orders = orders.Where(o => o.DeletedAt == null);
        var found = await orders.OrderByDescending(o => o.PlacedAt).Take(MaxListed).ToListAsync(ct);
        return [.. found.Select(OrderDto.From)];
    }
}
