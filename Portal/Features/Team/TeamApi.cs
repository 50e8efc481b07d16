using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;

namespace Portal.Features.Team;

/// <summary>People, roles and permissions (issue #3): <c>/api/v1/team</c> for admins, <c>/api/v1/me</c> for everyone.</summary>
public static class TeamApi
{
    public sealed record ResetPasswordRequest(string? Password);

    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/permissions", MyPermissions).WithTags("Team").WithName("MyPermissions")
            .WithSummary("My effective permissions").RequireAuthorization(PermissionPolicies.Staff);
        app.MapGet("/api/v1/team/permissions", () => TypedResults.Ok(Permissions.All)).WithTags("Team").WithName("ListPermissions")
            .WithSummary("The permission catalog").RequireAuthorization(PermissionPolicies.Staff);

        var team = app.MapGroup("/api/v1/team").WithTags("Team").RequireAuthorization(Permissions.TeamManage);
        team.MapGet("/roles", async (RoleAdministration roles, CancellationToken ct) => TypedResults.Ok(await roles.ListAsync(ct)))
            .WithName("ListRoles").WithSummary("List roles with their permissions");
        team.MapPost("/roles", CreateRole).WithName("CreateRole").WithSummary("Create a role");
        team.MapPut("/roles/{id}", UpdateRole).WithName("UpdateRole").WithSummary("Change a role's name, permissions or 2FA rule");
        team.MapDelete("/roles/{id}", DeleteRole).WithName("DeleteRole").WithSummary("Delete a custom role");

        team.MapGet("/people", async (PeopleAdministration people, CancellationToken ct) => TypedResults.Ok(await people.ListAsync(ct)))
            .WithName("ListPeople").WithSummary("List people");
        team.MapGet("/people/{id}", PersonPermissions).WithName("GetPerson").WithSummary("A person and their effective permissions");
        team.MapPost("/people", CreatePerson).WithName("CreatePerson")
            .WithSummary("Create a person").WithDescription("Without a password one is generated and returned once.");
        team.MapPut("/people/{id}", UpdatePerson).WithName("UpdatePerson").WithSummary("Change a person's name, roles, capacity or validity window");
        team.MapPost("/people/{id}/deactivate", Deactivate).WithName("DeactivatePerson")
            .WithSummary("Deactivate a person").WithDescription("Ends their live console and hub sessions at once and revokes their tokens.");
        team.MapPost("/people/{id}/reactivate", Reactivate).WithName("ReactivatePerson").WithSummary("Reactivate a person");
        team.MapPost("/people/{id}/reset-password", ResetPassword).WithName("ResetPassword")
            .WithSummary("Set a new password").WithDescription("Generated when none is given; the person is signed out everywhere.");
        return app;
    }

    private static async Task<Results<Ok<EffectivePermissionsDto>, ProblemHttpResult>> MyPermissions(
        PeopleAdministration people, ClaimsPrincipal user, CancellationToken ct) =>
        await Run(() => people.EffectivePermissionsAsync(CurrentAgent.From(user).Id, ct));

    private static async Task<Results<Ok<EffectivePermissionsDto>, ProblemHttpResult>> PersonPermissions(
        string id, PeopleAdministration people, CancellationToken ct) =>
        await Run(() => people.EffectivePermissionsAsync(id, ct));

    private static async Task<Results<Ok<RoleDto>, ValidationProblem, ProblemHttpResult>> CreateRole(
        RoleInput input, RoleAdministration roles, HttpContext http, CancellationToken ct) =>
        await Validated(() => roles.CreateAsync(input, AuditActor.From(http), ct));

    private static async Task<Results<Ok<RoleDto>, ValidationProblem, ProblemHttpResult>> UpdateRole(
        string id, RoleInput input, RoleAdministration roles, HttpContext http, CancellationToken ct) =>
        await Validated(async () => (await roles.UpdateAsync(id, input, AuditActor.From(http), ct)).After);

    private static async Task<Results<Ok<RoleDto>, ValidationProblem, ProblemHttpResult>> DeleteRole(
        string id, RoleAdministration roles, HttpContext http, CancellationToken ct) =>
        await Validated(() => roles.DeleteAsync(id, AuditActor.From(http), ct));

    private static async Task<Results<Ok<TemporaryPassword>, ValidationProblem, ProblemHttpResult>> CreatePerson(
        PersonInput input, PeopleAdministration people, HttpContext http, CancellationToken ct) =>
        await Validated(async () => (await people.CreateAsync(input, AuditActor.From(http), ct)).Password);

    private static async Task<Results<Ok<PersonDto>, ValidationProblem, ProblemHttpResult>> UpdatePerson(
        string id, PersonInput input, PeopleAdministration people, HttpContext http, CancellationToken ct) =>
        await Validated(async () => (await people.UpdateAsync(id, input, AuditActor.From(http), ct)).After);

    private static async Task<Results<Ok<PersonDto>, ValidationProblem, ProblemHttpResult>> Deactivate(
        string id, PeopleAdministration people, HttpContext http, CancellationToken ct) =>
        await Validated(async () => (await people.DeactivateAsync(id, AuditActor.From(http), ct)).After);

    private static async Task<Results<Ok<PersonDto>, ValidationProblem, ProblemHttpResult>> Reactivate(
        string id, PeopleAdministration people, HttpContext http, CancellationToken ct) =>
        await Validated(async () => (await people.ReactivateAsync(id, AuditActor.From(http), ct)).After);

    private static async Task<Results<Ok<TemporaryPassword>, ValidationProblem, ProblemHttpResult>> ResetPassword(
        string id, ResetPasswordRequest? request, PeopleAdministration people, HttpContext http, CancellationToken ct) =>
        await Validated(() => people.ResetPasswordAsync(id, request?.Password, AuditActor.From(http), ct));

    private static async Task<Results<Ok<T>, ProblemHttpResult>> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (TeamNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
        }
    }

    /// <summary>Runs an admin change: refused input answers 400 with its errors, an unknown id 404.</summary>
    internal static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> Validated<T>(Func<Task<T>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (TeamValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
        catch (TeamNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
        }
    }
}
