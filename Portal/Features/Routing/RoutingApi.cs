using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Team;

namespace Portal.Features.Routing;

/// <summary>Teams and queues (issue #3 part 5): <c>/api/v1/routing</c>, and transfers of one conversation.</summary>
public static class RoutingApi
{
    public sealed record QueueEntry(Guid ConversationId, Guid? TeamId, int Position, int? EstimatedWaitSeconds);

    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/conversations/{id:guid}/transfer", TransferConversation.Handle)
            .WithTags("Conversations").WithName("TransferConversation").WithSummary("Transfer to an agent or a team")
            .WithDescription("Moves the conversation to an agent (agentId) or into a team's queue (teamId) and leaves the note as a private message.")
            .RequireAuthorization(Permissions.ConversationsAssign);

        var routing = app.MapGroup("/api/v1/routing").WithTags("Routing").RequireAuthorization(PermissionPolicies.Staff);
        routing.MapGet("/teams", async (TeamDirectory teams, CancellationToken ct) => TypedResults.Ok(await teams.ListAsync(ct)))
            .WithName("ListTeams").WithSummary("List teams and their members");
        routing.MapPost("/teams", (SupportTeamInput input, TeamDirectory teams, HttpContext http, CancellationToken ct) =>
                TeamApi.Validated(() => teams.SaveAsync(null, input, AuditActor.From(http), ct)))
            .WithName("CreateTeam").WithSummary("Create a team").RequireAuthorization(Permissions.RoutingManage);
        routing.MapPut("/teams/{id:guid}", (Guid id, SupportTeamInput input, TeamDirectory teams, HttpContext http, CancellationToken ct) =>
                TeamApi.Validated(() => teams.SaveAsync(id, input, AuditActor.From(http), ct)))
            .WithName("UpdateTeam").WithSummary("Change a team, its members or its routing mode").RequireAuthorization(Permissions.RoutingManage);
        routing.MapDelete("/teams/{id:guid}", (Guid id, TeamDirectory teams, HttpContext http, CancellationToken ct) =>
                TeamApi.Validated(() => teams.DeleteAsync(id, AuditActor.From(http), ct)))
            .WithName("DeleteTeam").WithSummary("Delete a team; its queue joins the shared one").RequireAuthorization(Permissions.RoutingManage);
        routing.MapGet("/settings", async (RoutingSettingsStore settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAsync(ct)))
            .WithName("GetRoutingSettings").WithSummary("Routing settings").RequireAuthorization(Permissions.RoutingManage);
        routing.MapPut("/settings", (RoutingSettings input, RoutingSettingsStore settings, HttpContext http, CancellationToken ct) =>
                TeamApi.Validated(() => settings.SaveAsync(input, AuditActor.From(http), ct)))
            .WithName("SaveRoutingSettings").WithSummary("Change routing settings")
            .RequireAuthorization(Permissions.RoutingManage);
        routing.MapGet("/queue", Queue).WithName("GetQueue").WithSummary("Conversations waiting for an agent, in order");
        return app;
    }

    private static async Task<Ok<QueueEntry[]>> Queue(QueueAnnouncer announcer, RoutingSettingsStore settings, CancellationToken ct)
    {
        // One read of the queue: read twice, a conversation queued in between had no place (a 500).
        var entries = await announcer.QueuedAsync(ct);
        var positions = await announcer.PositionsAsync(await settings.GetAsync(ct), entries, ct);
        return TypedResults.Ok(entries
            .Select(e => new QueueEntry(e.ConversationId, e.TeamId, positions[e.ConversationId].Position, positions[e.ConversationId].EstimatedWaitSeconds))
            .ToArray());
    }
}
