using Portal.Hosting;

namespace Portal.Features.Orders;

/// <summary>Orders of a site changed (an agent's action or the shop's sync).</summary>
public sealed record OrdersChanged(Guid SiteId, IReadOnlyCollection<Guid> OrderIds);

/// <summary>In-process notifications of order changes, so open customer panels update without polling.</summary>
public sealed class OrderEvents(ILogger<OrderEvents> logger) : EventStream<OrdersChanged>(logger);
