using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Team;

namespace Portal.Features.Shifts;

/// <summary>
/// Shift templates, the schedule, holidays and leave, "who is on now" and the shift settings (issue #3, part 3).
/// Reading needs any staff account; changes need <c>shifts.manage</c>; the settings <c>shifts.manage</c> or <c>settings.manage</c>.
/// </summary>
public static partial class ShiftsApi
{
    public static IEndpointRouteBuilder MapShiftsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/shifts").WithTags("Shifts").RequireAuthorization(PermissionPolicies.Staff);
        var manage = api.MapGroup("").RequireAuthorization(Permissions.ShiftsManage);

        api.MapGet("/templates", ListTemplates).WithName("ListShiftTemplates").WithSummary("List shift templates");
        manage.MapPost("/templates", CreateTemplate).WithName("CreateShiftTemplate").WithSummary("Create a shift template")
            .WithDescription("start/end are HH:mm in timeZone (IANA); an end at or before the start crosses midnight; start == end is refused.");
        manage.MapPut("/templates/{id:guid}", UpdateTemplate).WithName("UpdateShiftTemplate").WithSummary("Change a shift template");
        manage.MapDelete("/templates/{id:guid}", DeleteTemplate).WithName("DeleteShiftTemplate").WithSummary("Delete a shift template and its assignments");

        api.MapGet("/schedule", Schedule).WithName("GetShiftSchedule").WithSummary("The schedule of a date range")
            .WithDescription("from/to (yyyy-MM-dd, at most 62 days; default: this week, Monday to Sunday) are the dates shifts start on.");
        manage.MapPost("/assignments", Assign).WithName("AssignShift").WithSummary("Put a person on a shift on a date")
            .WithDescription("Refused when the person is deactivated or already works a shift overlapping it (compared in UTC).");
        manage.MapDelete("/assignments/{id:guid}", Unassign).WithName("UnassignShift").WithSummary("Take a person off a shift");
        manage.MapPost("/copy-week", CopyWeek).WithName("CopyShiftWeek").WithSummary("Copy a week's assignments to another week")
            .WithDescription("Both dates are Mondays. Assignments already there, clashing, or of deactivated people are skipped and counted.");
        manage.MapPost("/fill-week", FillWeek).WithName("FillShiftWeek").WithSummary("Put a person on a template on each of its weekdays in a week");

        api.MapGet("/exceptions", ListExceptions).WithName("ListShiftExceptions").WithSummary("Holidays and leave in a date range");
        manage.MapPost("/exceptions", AddException).WithName("AddShiftException").WithSummary("Add a holiday (no userId) or a person's leave")
            .WithDescription("Cancels the shifts that start on that date: everybody's for a holiday, the person's for leave.");
        manage.MapDelete("/exceptions/{id:guid}", RemoveException).WithName("RemoveShiftException").WithSummary("Remove a holiday or leave");

        api.MapGet("/on-now", OnNow).WithName("WhoIsOnShiftNow").WithSummary("Who is on shift now, with presence and load");

        api.MapGet("/settings", GetSettings).WithName("GetShiftSettings").WithSummary("The shift settings")
            .AddEndpointFilter(RequireAnyPermission(Permissions.ShiftsManage, Permissions.SettingsManage));
        api.MapPut("/settings", SaveSettings).WithName("SaveShiftSettings").WithSummary("Change the shift settings")
            .WithDescription("restrictSignInToShifts: agents and trainees may sign in only during their shift ± graceMinutes (0–720).")
            .AddEndpointFilter(RequireAnyPermission(Permissions.ShiftsManage, Permissions.SettingsManage));
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ShiftTemplateDto>>> ListTemplates(ShiftTemplates templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.ListAsync(ct));

    private static Task<Results<Created<ShiftTemplateDto>, ValidationProblem, ProblemHttpResult>> CreateTemplate(
        ShiftTemplateInput input, ShiftTemplates templates, CancellationToken ct) =>
        Handle(async () =>
        {
            var created = await templates.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/shifts/templates/{created.Id}", created);
        });

    private static Task<Results<Ok<ShiftTemplateDto>, ValidationProblem, ProblemHttpResult>> UpdateTemplate(
        Guid id, ShiftTemplateInput input, ShiftTemplates templates, CancellationToken ct) =>
        Handle(async () => TypedResults.Ok(await templates.UpdateAsync(id, input, ct)));

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteTemplate(
        Guid id, ShiftTemplates templates, HttpContext http, CancellationToken ct) =>
        Handle(async () =>
        {
            await templates.DeleteAsync(id, AuditActor.From(http), ct);
            return TypedResults.NoContent();
        });

    private static async Task<Ok<IReadOnlyList<OnShiftAgent>>> OnNow(AgentRoster roster, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await roster.OnNowAsync(clock.GetUtcNow(), ct));

    private static async Task<Ok<ShiftSettings>> GetSettings(ShiftSettingsStore settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetAsync(ct));

    private static Task<Results<Ok<ShiftSettings>, ValidationProblem, ProblemHttpResult>> SaveSettings(
        ShiftSettings input, ShiftSettingsStore settings, HttpContext http, CancellationToken ct) =>
        Handle(async () => TypedResults.Ok(await settings.SaveAsync(input, AuditActor.From(http), ct)));

    /// <summary>Runs a change, answering broken rules as a validation problem and unknown ids as 404.</summary>
    private static async Task<Results<T, ValidationProblem, ProblemHttpResult>> Handle<T>(Func<Task<T>> change) where T : IResult
    {
        try
        {
            return await change();
        }
        catch (ShiftRejectedException rejected)
        {
            return TypedResults.ValidationProblem(rejected.Errors);
        }
        catch (ShiftNotFoundException missing)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: missing.Message);
        }
    }

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> RequireAnyPermission(params string[] permissions) =>
        async (context, next) =>
        {
            var http = context.HttpContext;
            var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var access = userId is null ? UserAccess.None : await http.RequestServices.GetRequiredService<AccessDirectory>().GetAsync(userId);
            return permissions.Any(access.Has)
                ? await next(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: $"This needs one of the permissions {string.Join(", ", permissions)}.");
        };
}
