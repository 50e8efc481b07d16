using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Sites;
using Portal.Features.Team;

namespace Portal.Features.Orders;

/// <summary>The shop's orders: pushed and synced by the shop, read and acted on by the team.</summary>
public static class OrdersApi
{
    public sealed record SyncRequest(IReadOnlyList<OrderInput?>? Orders);

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/orders").WithTags("Orders");

        api.MapPut("/{siteKey}/{number}", Upsert).RequireAuthorization(Permissions.OrdersSync)
            .WithName("UpsertOrder").WithSummary("Create or update one of the shop's orders")
            .WithDescription("Idempotent: 201 when created, 200 when updated or already up to date. The number in the body, if any, must match the route's.");
        api.MapPost("/{siteKey}/sync", Sync).RequireAuthorization(Permissions.OrdersSync)
            .WithName("SyncOrders").WithSummary("Create or update up to 500 orders at once")
            .WithDescription("All or nothing: when any order is invalid, nothing is stored and the errors map names each problem as orders[index].field.");
        api.MapGet("/", List).RequireAuthorization(Permissions.OrdersView)
            .WithName("ListOrders").WithSummary("List orders")
            .WithDescription("Newest first, up to 200. customer is a shop user id, e-mail or phone; includeDeleted needs orders.restore.");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.OrdersView)
            .WithName("GetOrder").WithSummary("Get an order").WithDescription("A deleted order is found only with orders.restore.");
        api.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(Permissions.OrdersCancel)
            .WithName("CancelOrder").WithSummary("Cancel an order").WithDescription("Only pending or paid orders; otherwise 409.");
        api.MapPost("/{id:guid}/refund-request", RequestRefund).RequireAuthorization(Permissions.OrdersRefund)
            .WithName("RequestOrderRefund").WithSummary("Request a refund").WithDescription("Only paid, shipped or delivered orders; otherwise 409.");
        api.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.OrdersDelete)
            .WithName("DeleteOrder").WithSummary("Delete an order (soft)").WithDescription("The order is hidden until restored.");
        api.MapPost("/{id:guid}/restore", Restore).RequireAuthorization(Permissions.OrdersRestore)
            .WithName("RestoreOrder").WithSummary("Restore a deleted order");

        app.MapGet("/api/v1/conversations/{id:guid}/orders", ForConversation).RequireAuthorization(Permissions.OrdersView)
            .WithTags("Orders").WithName("ListConversationOrders").WithSummary("The orders of a conversation's customer")
            .WithDescription("Matched by the customer's shop user id; without one (or for guest orders) by e-mail or phone. includeDeleted needs orders.restore.");
        return app;
    }

    private static async Task<Results<Created<OrderDto>, Ok<OrderDto>, ValidationProblem, ProblemHttpResult>> Upsert(
        string siteKey, string number, OrderInput order, SiteDirectory sites, OrderSync sync, HttpContext http, CancellationToken ct)
    {
        if (await sites.FindByKeyAsync(siteKey, ct) is not { } site)
            return UnknownSite(siteKey);
        if (order.Number is not null && order.Number.Trim() != number.Trim())
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["number"] = [$"The body's number '{order.Number}' differs from the route's '{number}'."] });
        var input = order with { Number = number };
        if (input.Validate() is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        var (stored, created) = await sync.UpsertAsync(site, input, AuditActor.From(http), ct);
        return created
            ? TypedResults.Created($"/api/v1/orders/{stored.Id}", stored)
            : TypedResults.Ok(stored);
    }

    private static async Task<Results<Ok<OrderSyncResult>, ValidationProblem, ProblemHttpResult>> Sync(
        string siteKey, SyncRequest request, SiteDirectory sites, OrderSync sync, HttpContext http, CancellationToken ct)
    {
        if (await sites.FindByKeyAsync(siteKey, ct) is not { } site)
            return UnknownSite(siteKey);
        if (OrderSync.Validate(request.Orders) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors, title: "Nothing was stored: some orders are invalid");
        return TypedResults.Ok(await sync.SyncAsync(site, [.. request.Orders!.OfType<OrderInput>()], AuditActor.From(http), ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<OrderDto>>, ProblemHttpResult>> List(
        SiteDirectory sites, OrderQueries queries, AccessDirectory access, ClaimsPrincipal user, CancellationToken ct,
        string? siteKey = null, string? customer = null, bool includeDeleted = false)
    {
        if (includeDeleted && !await MayRestoreAsync(access, user, ct))
            return SeeingDeletedForbidden();
        Guid? siteId = null;
        if (!string.IsNullOrWhiteSpace(siteKey))
        {
            if (await sites.FindByKeyAsync(siteKey, ct) is not { } site)
                return UnknownSite(siteKey);
            siteId = site.Id;
        }
        return TypedResults.Ok(await queries.ListAsync(siteId, customer, includeDeleted, ct));
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> Get(
        Guid id, OrderQueries queries, AccessDirectory access, ClaimsPrincipal user, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } order && (!order.IsDeleted || await MayRestoreAsync(access, user, ct))
            ? TypedResults.Ok(order)
            : OrderNotFound(id);

    private static async Task<Results<Ok<IReadOnlyList<OrderDto>>, ProblemHttpResult>> ForConversation(
        Guid id, ConversationQueries conversations, ContactDirectory contacts, OrderQueries queries, AccessDirectory access,
        ClaimsPrincipal user, CancellationToken ct, bool includeDeleted = false)
    {
        if (includeDeleted && !await MayRestoreAsync(access, user, ct))
            return SeeingDeletedForbidden();
        if (await conversations.FindAsync(id, ct) is not { } conversation || await contacts.FindAsync(conversation.ContactId, ct) is not { } contact)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "Conversation not found", detail: $"There is no conversation with id {id}.");
        return TypedResults.Ok(await queries.ForContactAsync(contact, includeDeleted, ct));
    }

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult>> Cancel(Guid id, OrderActions actions, HttpContext http, CancellationToken ct) =>
        ApplyAsync(id, OrderAction.Cancel, actions, http, ct);

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult>> RequestRefund(Guid id, OrderActions actions, HttpContext http, CancellationToken ct) =>
        ApplyAsync(id, OrderAction.RequestRefund, actions, http, ct);

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult>> Delete(Guid id, OrderActions actions, HttpContext http, CancellationToken ct) =>
        ApplyAsync(id, OrderAction.Delete, actions, http, ct);

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult>> Restore(Guid id, OrderActions actions, HttpContext http, CancellationToken ct) =>
        ApplyAsync(id, OrderAction.Restore, actions, http, ct);

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> ApplyAsync(
        Guid id, OrderAction action, OrderActions actions, HttpContext http, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await actions.ApplyAsync(id, action, AuditActor.From(http), ct));
        }
        catch (OrderNotFoundException)
        {
            return OrderNotFound(id);
        }
        catch (OrderActionRefusedException refused)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The order does not allow this now", detail: refused.Message);
        }
    }

    private static async Task<bool> MayRestoreAsync(AccessDirectory access, ClaimsPrincipal user, CancellationToken ct) =>
        (await access.GetAsync(CurrentAgent.From(user).Id, ct)).Has(Permissions.OrdersRestore);

    private static ProblemHttpResult SeeingDeletedForbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "Seeing deleted orders needs the orders.restore permission.");

    private static ProblemHttpResult UnknownSite(string siteKey) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Site not found", detail: $"There is no site with the key '{siteKey}'.");

    private static ProblemHttpResult OrderNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found", detail: $"There is no order with id {id}.");
}
