using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Features.Shifts;

public static partial class ShiftsApi
{
    public sealed record AssignRequest(string? UserId, Guid? TemplateId, DateOnly? Date);

    public sealed record CopyWeekRequest(DateOnly? FromWeekStart, DateOnly? ToWeekStart);

    public sealed record FillWeekRequest(string? UserId, Guid? TemplateId, DateOnly? WeekStart);

    public sealed record AddExceptionRequest(DateOnly? Date, string? UserId, string? Note);

    private static Task<Results<Ok<ScheduleDto>, ValidationProblem, ProblemHttpResult>> Schedule(
        ShiftSchedule schedule, TimeProvider clock, CancellationToken ct, DateOnly? from = null, DateOnly? to = null)
    {
        var first = from ?? ShiftTimes.WeekStart(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return Handle(async () => TypedResults.Ok(await schedule.ReadAsync(first, to ?? first.AddDays(6), ct)));
    }

    private static Task<Results<Created<ShiftAssignmentDto>, ValidationProblem, ProblemHttpResult>> Assign(
        AssignRequest request, ShiftSchedule schedule, CancellationToken ct) =>
        Handle(async () =>
        {
            var date = request.Date ?? throw new ShiftRejectedException("date", "Choose the date the shift starts on.");
            var assigned = await schedule.AssignAsync(request.UserId, request.TemplateId ?? Guid.Empty, date, ct);
            return TypedResults.Created($"/api/v1/shifts/assignments/{assigned.Id}", assigned);
        });

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unassign(
        Guid id, ShiftSchedule schedule, CancellationToken ct) =>
        Handle(async () =>
        {
            await schedule.UnassignAsync(id, ct);
            return TypedResults.NoContent();
        });

    private static Task<Results<Ok<ScheduleChange>, ValidationProblem, ProblemHttpResult>> CopyWeek(
        CopyWeekRequest request, ShiftSchedule schedule, CancellationToken ct) =>
        Handle(async () =>
        {
            if (request.FromWeekStart is not { } from || request.ToWeekStart is not { } to)
                throw new ShiftRejectedException(request.FromWeekStart is null ? "fromWeekStart" : "toWeekStart", "Both weeks are required (their Mondays).");
            return TypedResults.Ok(await schedule.CopyWeekAsync(from, to, ct));
        });

    private static Task<Results<Ok<ScheduleChange>, ValidationProblem, ProblemHttpResult>> FillWeek(
        FillWeekRequest request, ShiftSchedule schedule, CancellationToken ct) =>
        Handle(async () =>
        {
            var week = request.WeekStart ?? throw new ShiftRejectedException("weekStart", "Choose the week (its Monday).");
            return TypedResults.Ok(await schedule.FillWeekAsync(request.UserId, request.TemplateId ?? Guid.Empty, week, ct));
        });

    private static Task<Results<Ok<IReadOnlyList<ShiftExceptionDto>>, ValidationProblem, ProblemHttpResult>> ListExceptions(
        ShiftSchedule schedule, TimeProvider clock, CancellationToken ct, DateOnly? from = null, DateOnly? to = null)
    {
        var first = from ?? ShiftTimes.WeekStart(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return Handle(async () => TypedResults.Ok((await schedule.ReadAsync(first, to ?? first.AddDays(6), ct)).Exceptions));
    }

    private static Task<Results<Created<ShiftExceptionDto>, ValidationProblem, ProblemHttpResult>> AddException(
        AddExceptionRequest request, ShiftSchedule schedule, CancellationToken ct) =>
        Handle(async () =>
        {
            var date = request.Date ?? throw new ShiftRejectedException("date", "Choose the date.");
            var added = await schedule.AddExceptionAsync(date, request.UserId, request.Note, ct);
            return TypedResults.Created($"/api/v1/shifts/exceptions/{added.Id}", added);
        });

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveException(
        Guid id, ShiftSchedule schedule, CancellationToken ct) =>
        Handle(async () =>
        {
            await schedule.RemoveExceptionAsync(id, ct);
            return TypedResults.NoContent();
        });
}
