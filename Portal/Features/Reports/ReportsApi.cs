using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Team;

namespace Portal.Features.Reports;

/// <summary>Reports over the rollups: as JSON, as CSV, and a way to bring the rollups up to date now.</summary>
public static class ReportsApi
{
    private const string Parameters =
        "from/to are UTC days (yyyy-MM-dd, inclusive; default the last 14 days up to today, at most 366 days); "
        + "groupBy is day, week (Monday to Sunday) or total; by is none, agent (the assignee), team, channel or site. "
        + "A conversation counts on the day it was created.";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports");

        api.MapGet("/", Get).RequireAuthorization(Permissions.ReportsView)
            .WithName("GetReport").WithSummary("Conversations, first-response and resolution times, bot resolution")
            .WithDescription(Parameters);
        api.MapGet("/export.csv", Export).RequireAuthorization(Permissions.ReportsView)
            .WithName("ExportReport").WithSummary("The report's rows as CSV").WithDescription(Parameters)
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        api.MapPost("/refresh", Refresh).RequireAuthorization(Permissions.SettingsManage)
            .WithName("RefreshReports").WithSummary("Bring the report rollups up to date now")
            .WithDescription("Queues the rollup job; the report's asOf moves when it has run (normally within seconds).");
        return app;
    }

    private static async Task<Results<Ok<Report>, ValidationProblem>> Get(
        ReportQueries queries, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? groupBy = null, string? by = null)
    {
        var (request, errors) = ReportRequest.Parse(from, to, groupBy, by, Today(clock));
        if (request is null)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await queries.BuildAsync(request, ct));
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Export(
        HttpContext http, ReportQueries queries, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? groupBy = null, string? by = null)
    {
        var (request, errors) = ReportRequest.Parse(from, to, groupBy, by, Today(clock));
        if (request is null)
            return TypedResults.ValidationProblem(errors);
        var report = await queries.BuildAsync(request, ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"report-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}-{report.GroupBy}-{report.By}.csv\"";
        await ReportCsv.WriteAsync(http.Response.Body, report, ct);
        return TypedResults.Empty;
    }

    private static Accepted Refresh(IBackgroundJobClient jobs)
    {
        jobs.Enqueue<RollUpReportsJob>(job => job.RunAsync());
        return TypedResults.Accepted((string?)null);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
