using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Sites;

namespace Portal.Features.Orders;

/// <summary>What a sync did: the numbers of the orders it created and changed, and how many were already up to date.</summary>
public sealed record OrderSyncResult(IReadOnlyList<string> Created, IReadOnlyList<string> Updated, int Unchanged);

/// <summary>
/// Stores the orders a shop pushes. Upserts are idempotent: sending the same order again changes nothing and logs nothing.
/// A batch is stored in one transaction, so it is all stored or, if anything fails, none of it.
/// Portal's own state (a soft deletion) survives a sync; everything else is the shop's and is overwritten.
/// </summary>
public sealed class OrderSync(
    IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit, OrderEvents events, TimeProvider clock)
{
    public const int MaxBatch = 500;

    /// <summary>Problems with a batch, keyed "orders[i].field"; a number may appear only once per batch.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<OrderInput?>? orders)
    {
        if (orders is null || orders.Count == 0)
            return new() { ["orders"] = ["Send at least one order."] };
        if (orders.Count > MaxBatch)
            return new() { ["orders"] = [$"At most {MaxBatch} orders per sync; this one has {orders.Count}."] };
        var errors = new Dictionary<string, string[]>();
        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < orders.Count; i++)
        {
            if (orders[i] is not { } order)
            {
                errors[$"orders[{i}]"] = ["The order is missing."];
                continue;
            }
            foreach (var (field, messages) in order.Validate($"orders[{i}]."))
                errors[field] = messages;
            if (!string.IsNullOrWhiteSpace(order.Number) && !firstIndexOf.TryAdd(order.Number.Trim(), i))
                errors[$"orders[{i}].number"] = [$"Order {order.Number.Trim()} is already at index {firstIndexOf[order.Number.Trim()]} of this sync."];
        }
        return errors;
    }

    /// <summary>Creates or updates one order (valid input only); audited as "order.synced" when something changed.</summary>
    public async Task<(OrderDto Order, bool Created)> UpsertAsync(Site site, OrderInput input, AuditActor actor, CancellationToken ct = default)
    {
        var (result, orders) = await StoreAsync(site, [input], actor, ct);
        return (orders[0], result.Created.Count == 1);
    }

    /// <summary>Creates or updates a batch (valid input only); audited as one "orders.synced" entry when something changed.</summary>
    public async Task<OrderSyncResult> SyncAsync(Site site, IReadOnlyList<OrderInput> inputs, AuditActor actor, CancellationToken ct = default) =>
        (await StoreAsync(site, inputs, actor, ct)).Result;

    private async Task<(OrderSyncResult Result, List<OrderDto> Orders)> StoreAsync(
        Site site, IReadOnlyList<OrderInput> inputs, AuditActor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var numbers = inputs.Select(i => i.Number!.Trim()).ToList();
        List<string> created = [], updated = [];
        List<OrderDto> stored = [];
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var existing = await db.Orders.Where(o => o.SiteId == site.Id && numbers.Contains(o.Number)).ToDictionaryAsync(o => o.Number, ct);
            OrderDto? before = null;
            foreach (var input in inputs)
            {
                var number = input.Number!.Trim();
                if (existing.TryGetValue(number, out var order))
                {
                    before = OrderDto.From(order);
                    input.ApplyTo(order, now);
                    if (Comparable(OrderDto.From(order)) != Comparable(before))
                    {
                        order.UpdatedAt = now;
                        updated.Add(number);
                    }
                }
                else
                {
                    order = new Order { SiteId = site.Id, Number = number, UpdatedAt = now };
                    input.ApplyTo(order, now);
                    db.Orders.Add(order);
                    created.Add(number);
                }
                stored.Add(OrderDto.From(order));
            }

            if (created.Count + updated.Count > 0)
            {
                if (inputs.Count == 1)
                    await audit.AppendAsync(db, actor, "order.synced", OrderActions.AuditTarget(site.SiteKey, numbers[0]), before, stored[0], ct);
                else
                    await audit.AppendAsync(db, actor, "orders.synced", $"site:{site.SiteKey}", null,
                        new { created, updated, unchanged = inputs.Count - created.Count - updated.Count }, ct);
                await db.SaveChangesAsync(ct);
            }
        }
        if (created.Count + updated.Count > 0)
            await events.PublishAsync(new OrdersChanged(site.Id, [.. stored.Select(o => o.Id)]));
        return (new OrderSyncResult(created, updated, inputs.Count - created.Count - updated.Count), stored);
    }

    /// <summary>An order's content as the shop sees it, without the time Portal last stored it.</summary>
    private static string Comparable(OrderDto order) => JsonSerializer.Serialize(order with { UpdatedAt = default });
}
