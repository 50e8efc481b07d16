using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Team;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>The live dashboard's figures for scripts and wallboards: the same samples the page draws.</summary>
public static class LiveDashboardApi
{
    public static IEndpointRouteBuilder MapLiveDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/monitoring").WithTags("Monitoring").RequireAuthorization(Permissions.ReportsView);

        api.MapGet("/live", Live).WithName("GetLiveFigures").WithSummary("The live figures over a recent range")
            .WithDescription("range is 15m, 1h or 24h (default 15m). latest is the newest sample (null until the first is taken); "
                + $"samples are the range's samples oldest first, at most {LiveDashboard.MaxPoints}: more are merged into equal time "
                + "buckets (5 s, 15 s, 5 min…), each the highest waits, first responses and error rate of its bucket and the mean of the other figures. "
                + "historySince is when the samples begin if the app has not been running for the whole range (samples are kept in memory).");
        return app;
    }

    private static Results<Ok<LiveView>, ValidationProblem> Live(LiveDashboard dashboard, string? range = null)
    {
        if (DashboardRange.Find(range ?? DashboardRange.FifteenMinutes.Key) is not { } known)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["range"] = [$"Use one of {string.Join(", ", DashboardRange.All.Select(r => r.Key))}."],
            });
        return TypedResults.Ok(dashboard.Read(known));
    }
}
