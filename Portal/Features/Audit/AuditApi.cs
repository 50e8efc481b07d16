using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Team;

namespace Portal.Features.Audit;

/// <summary>Reading, exporting and verifying the audit log. There are no routes that change or remove entries.</summary>
public static class AuditApi
{
    public sealed record AuditEntryDto(
        long Id, DateTime At, string? ActorId, string ActorName, string? IpAddress, string Action, string Target,
        string? Before, string? After, string PreviousHash, string Hash);

    public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, int Page, int PageSize, int Total);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Permissions.AuditView);

        api.MapGet("/", Search).WithName("SearchAuditLog").WithSummary("Search the audit log")
            .WithDescription("Newest first, 50 per page. q searches action, target, actor, IP and the before/after JSON; "
                + "action matches an action or its family (\"order\" matches \"order.cancelled\"); actor is a user id or part of a name; "
                + "from/to are ISO 8601 times (UTC when no zone is given).");
        api.MapGet("/export.csv", Export).WithName("ExportAuditLog").WithSummary("Export the audit log as CSV")
            .WithDescription("The same filters as the search, every match in id order (up to 100,000), UTF-8 with a byte order mark. The export is itself audited.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        api.MapPost("/verify", Verify).WithName("VerifyAuditLog").WithSummary("Verify the audit log's hash chain")
            .WithDescription("Walks every entry in order; reports ok and the count, or the id of the first entry that breaks the chain.");
        return app;
    }

    private static async Task<Results<Ok<AuditPageDto>, ValidationProblem>> Search(
        AuditQueries queries, CancellationToken ct,
        string? q = null, string? action = null, string? actor = null, DateTime? from = null, DateTime? to = null, int page = 1)
    {
        var filter = new AuditFilter(q, action, actor, from, to);
        var errors = filter.Validate();
        if (page < 1)
            errors["page"] = ["Pages are numbered from 1."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var result = await queries.SearchAsync(filter, page, ct);
        return TypedResults.Ok(new AuditPageDto([.. result.Items.Select(ToDto)], result.Page, result.PageSize, result.Total));
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Export(
        HttpContext http, AuditQueries queries, AuditTrail trail, CancellationToken ct,
        string? q = null, string? action = null, string? actor = null, DateTime? from = null, DateTime? to = null)
    {
        var filter = new AuditFilter(q, action, actor, from, to);
        if (filter.Validate() is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        // Recorded first, so the export is in the log even if the download breaks off.
        await trail.RecordAsync(AuditActor.From(http), "audit.exported", "audit-log", null, filter, ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await AuditCsv.WriteAsync(http.Response.Body, queries.ExportAsync(filter, ct), ct);
        return TypedResults.Empty;
    }

    private static async Task<Ok<AuditVerification>> Verify(AuditTrail trail, CancellationToken ct) =>
        TypedResults.Ok(await trail.VerifyAsync(ct));

    private static AuditEntryDto ToDto(AuditEntry e) =>
        new(e.Id, e.At, e.ActorId, e.ActorName, e.IpAddress, e.Action, e.Target, e.Before, e.After, e.PreviousHash, e.Hash);
}
