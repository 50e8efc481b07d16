using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Team;

namespace Portal.Features.Monitoring.Traces;

/// <summary>The recent message traces the app keeps (the last <see cref="TracingOptions.KeptTraces"/>, <see cref="TracingOptions.KeptMinutes"/> at most).</summary>
public static class TracesApi
{
    public static IEndpointRouteBuilder MapTracesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Traces").RequireAuthorization(Permissions.ReportsView);

        api.MapGet("/traces/", List).WithName("ListTraces").WithSummary("List recent message traces")
            .WithDescription("Newest first: trace id, message id, conversation id, entry span, start, total duration and the one-line timeline. "
                + "conversationId narrows to one conversation; limit is 1 to 500 (default 50).");
        api.MapGet("/traces/{traceId}", Get).WithName("GetTrace").WithSummary("A message trace as a span tree")
            .WithDescription("Each span with its start offset and duration in milliseconds, its tags and the spans it started. 404 when it is no longer kept.");
        api.MapGet("/messages/{messageId:guid}/trace", GetForMessage).WithName("GetMessageTrace").WithSummary("The trace of one message")
            .WithDescription("The trace the message was stored in (a bot's answer belongs to the customer message it answers). 404 when it is no longer kept.");
        return app;
    }

    private static Results<Ok<IReadOnlyList<TraceSummaryDto>>, ValidationProblem> List(RecentTraces traces, Guid? conversationId = null, int limit = 50)
    {
        if (limit is < 1 or > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 500."] });
        return TypedResults.Ok(traces.Newest(conversationId, limit));
    }

    private static Results<Ok<TraceDto>, ProblemHttpResult> Get(string traceId, RecentTraces traces) =>
        traces.Find(traceId.ToLowerInvariant()) is { } trace
            ? TypedResults.Ok(TraceViews.ToTree(trace))
            : NotKept($"No trace {traceId} is kept; traces are kept for a while after the message, then dropped.");

    private static Results<Ok<TraceDto>, ProblemHttpResult> GetForMessage(Guid messageId, RecentTraces traces) =>
        traces.FindByMessage(messageId) is { } trace
            ? TypedResults.Ok(TraceViews.ToTree(trace))
            : NotKept($"No trace of message {messageId} is kept; traces are kept for a while after the message, then dropped.");

    private static ProblemHttpResult NotKept(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Trace not kept", detail: detail);
}
