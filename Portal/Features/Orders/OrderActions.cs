using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;

namespace Portal.Features.Orders;

public sealed class OrderNotFoundException(Guid id) : Exception($"There is no order with id {id}.");

/// <summary>The action is not allowed in the order's current state (<see cref="OrderRules.WhyNot"/>).</summary>
public sealed class OrderActionRefusedException(string reason) : Exception(reason);

/// <summary>
/// Cancels, requests refunds for, deletes and restores orders; each change is saved together with its audit entry
/// and then announced. Callers check the actor's permission (<see cref="OrderRules.PermissionFor"/>) first.
/// </summary>
public sealed class OrderActions(
    IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit, OrderEvents events, TimeProvider clock)
{
    /// <exception cref="OrderNotFoundException"/>
    /// <exception cref="OrderActionRefusedException"/>
    public async Task<OrderDto> ApplyAsync(Guid orderId, OrderAction action, AuditActor actor, CancellationToken ct = default)
    {
        OrderDto after;
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new OrderNotFoundException(orderId);
            if (OrderRules.WhyNot(action, order.Status, order.DeletedAt is not null) is { } reason)
                throw new OrderActionRefusedException(reason);

            var before = OrderDto.From(order);
            OrderRules.Apply(action, order, actor.UserId, clock.GetUtcNow().UtcDateTime);
            after = OrderDto.From(order);
            var siteKey = await db.Sites.Where(s => s.Id == order.SiteId).Select(s => s.SiteKey).FirstAsync(ct);
            await audit.AppendAsync(db, actor, OrderRules.AuditName(action), AuditTarget(siteKey, order.Number), before, after, ct);
            await db.SaveChangesAsync(ct);
        }
        await events.PublishAsync(new OrdersChanged(after.SiteId, [after.Id]));
        return after;
    }

    /// <summary>How the audit log names an order: its site key and number, as in the shop's API route.</summary>
    public static string AuditTarget(string siteKey, string number) => $"order:{siteKey}/{number}";
}
