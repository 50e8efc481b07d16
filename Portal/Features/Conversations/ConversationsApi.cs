using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Team;

namespace Portal.Features.Conversations;

/// <summary>REST API for conversations (SPEC §4.5).</summary>
public static class ConversationsApi
{
    public sealed record PostMessageRequest(string? Text, string? ClientMessageId, bool Private = false);

    public sealed record AssignRequest(string? AgentId, Guid? TeamId);

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conversations").WithTags("Conversations").RequireAuthorization(PermissionPolicies.Staff);

        api.MapGet("/", List).WithName("ListConversations").WithSummary("List conversations")
            .WithDescription("Newest activity first. status: open | pending | closed; assignee: me | unassigned | an agent id; q searches names, e-mails and message text.");
        api.MapGet("/{id:guid}", Get).WithName("GetConversation").WithSummary("Get a conversation");
        api.MapGet("/{id:guid}/messages", Messages).WithName("ListMessages").WithSummary("List messages")
            .WithDescription("Messages in seq order, private notes included; afterSeq returns only newer ones (to catch up after a reconnect).");
        api.MapPost("/{id:guid}/messages", PostMessage).WithName("PostMessage").WithSummary("Send a reply or a private note")
            .RequireAuthorization(Permissions.ConversationsReply)
            .WithDescription("201 with the stored message. Sending again with the same clientMessageId returns the first message (200) and stores nothing.");
        api.MapPost("/{id:guid}/assign", Assign).WithName("AssignConversation").WithSummary("Assign a conversation")
            .RequireAuthorization(Permissions.ConversationsAssign)
            .WithDescription("Assigns to an agent (agentId), puts it in a team's queue (teamId), or unassigns when both are null.");
        api.MapPost("/{id:guid}/close", Close).WithName("CloseConversation").WithSummary("Close a conversation")
            .RequireAuthorization(Permissions.ConversationsAssign);
        api.MapPost("/{id:guid}/reopen", Reopen).WithName("ReopenConversation").WithSummary("Reopen a conversation")
            .RequireAuthorization(Permissions.ConversationsAssign);
        app.MapHub<AgentHub>(AgentHub.Path);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ConversationDto>>, ValidationProblem>> List(
        ConversationQueries queries, AccessDirectory access, ClaimsPrincipal user, CancellationToken cancellationToken,
        string? status = null, string? assignee = null, string? channel = null, string? q = null, int limit = 100)
    {
        ConversationStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<ConversationStatus>(status, ignoreCase: true, out var value) || int.TryParse(status, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    { ["status"] = [$"Unknown status '{status}'; use open, pending or closed."] });
            parsedStatus = value;
        }
        var filter = new ConversationFilter(parsedStatus, assignee, channel, q, limit);
        return TypedResults.Ok(await queries.ListAsync(filter, await Viewer.ForAsync(user, access, cancellationToken), cancellationToken));
    }

    private static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Get(
        Guid id, ConversationQueries queries, AccessDirectory access, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (conversation, problem) = await FindVisibleAsync(id, queries, access, user, cancellationToken);
        return problem is null ? TypedResults.Ok(conversation!) : problem;
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageDto>>, ProblemHttpResult>> Messages(
        Guid id, ConversationQueries queries, ConversationMessages messages, AccessDirectory access, ClaimsPrincipal user,
        CancellationToken cancellationToken, long afterSeq = 0, int limit = 500)
    {
        if ((await FindVisibleAsync(id, queries, access, user, cancellationToken)).Problem is { } problem)
            return problem;
        return TypedResults.Ok(await messages.HistoryAsync(id, Math.Max(0, afterSeq), includePrivate: true, limit, cancellationToken));
    }

    private static async Task<Results<Created<MessageDto>, Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> PostMessage(
        Guid id, PostMessageRequest request, ConversationMessages messages, ConversationQueries queries, AccessDirectory access,
        ClaimsPrincipal user, MessageTracing tracing, CancellationToken cancellationToken)
    {
        var (conversation, problem) = await FindVisibleAsync(id, queries, access, user, cancellationToken);
        if (problem is not null)
            return problem;
        var agent = CurrentAgent.From(user);
        using var trace = tracing.StartEntry(MessageSpans.ApiPostMessage, id, MessageAuthor.Agent, conversation!.Channel);
        try
        {
            var result = await messages.AppendAsync(new NewMessage(
                id, MessageAuthor.Agent, agent.Id, agent.Name, request.Text ?? "", request.ClientMessageId, request.Private), cancellationToken);
            trace.Stored(result.Message);
            return result.Created
                ? TypedResults.Created($"/api/v1/conversations/{id}/messages/{result.Message.Seq}", result.Message)
                : TypedResults.Ok(result.Message);
        }
        catch (MessageRejectedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
        catch (ConversationNotFoundException)
        {
            return NotFound(id);
        }
    }

    private static async Task<Results<Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> Assign(
        Guid id, AssignRequest request, ConversationActions actions, ConversationQueries queries, AccessDirectory access,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if ((await FindVisibleAsync(id, queries, access, user, cancellationToken)).Problem is { } problem)
            return problem;
        if (request.AgentId is not null && request.TeamId is not null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["teamId"] = ["Give either agentId or teamId, not both."] });
        try
        {
            return TypedResults.Ok(request.TeamId is { } teamId
                ? await actions.QueueAsync(id, teamId, cancellationToken)
                : await actions.AssignAsync(id, request.AgentId, cancellationToken));
        }
        catch (AgentNotFoundException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [request.TeamId is null ? "agentId" : "teamId"] = [ex.Message] });
        }
        catch (ConversationNotFoundException)
        {
            return NotFound(id);
        }
    }

    private static Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Close(
        Guid id, ConversationActions actions, ConversationQueries queries, AccessDirectory access, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        Change(id, queries, access, user, () => actions.CloseAsync(id, cancellationToken), cancellationToken);

    private static Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Reopen(
        Guid id, ConversationActions actions, ConversationQueries queries, AccessDirectory access, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        Change(id, queries, access, user, () => actions.ReopenAsync(id, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Change(
        Guid id, ConversationQueries queries, AccessDirectory access, ClaimsPrincipal user,
        Func<Task<ConversationDto>> change, CancellationToken cancellationToken)
    {
        if ((await FindVisibleAsync(id, queries, access, user, cancellationToken)).Problem is { } problem)
            return problem;
        try
        {
            return TypedResults.Ok(await change());
        }
        catch (ConversationNotFoundException)
        {
            return NotFound(id);
        }
    }

    /// <summary>The conversation if the user may see it; otherwise a 404 or 403 problem.</summary>
    public static async Task<(ConversationDto? Conversation, ProblemHttpResult? Problem)> FindVisibleAsync(
        Guid id, ConversationQueries queries, AccessDirectory access, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var conversation = await queries.FindAsync(id, cancellationToken);
        if (conversation is null)
            return (null, NotFound(id));
        if (!(await Viewer.ForAsync(user, access, cancellationToken)).CanSee(conversation))
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your conversation",
                detail: "This conversation is assigned to someone else; seeing it needs conversations.view.all."));
        return (conversation, null);
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "Conversation not found", detail: $"There is no conversation with id {id}.");
}
