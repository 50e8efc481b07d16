using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Team;

namespace Portal.Features.Conversations;

/// <summary>REST API for conversations (SPEC §4.5).</summary>
public static class ConversationsApi
{
    public sealed record PostMessageRequest(string? Text, string? ClientMessageId, bool Private = false);

    public sealed record AssignRequest(string? AgentId, string? TeamId);

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conversations").WithTags("Conversations").RequireAuthorization(PermissionPolicies.Staff);

        api.MapGet("/", List).WithName("ListConversations").WithSummary("List conversations")
            .WithDescription("Newest activity first. status: open | pending | closed; assignee: me | unassigned | an agent id; q searches names, e-mails and message text.");
        api.MapGet("/{id:guid}", Get).WithName("GetConversation").WithSummary("Get a conversation");
        api.MapGet("/{id:guid}/messages", Messages).WithName("ListMessages").WithSummary("List messages")
            .WithDescription("Messages in seq order, private notes included; afterSeq returns only newer ones (to catch up after a reconnect).");
        api.MapPost("/{id:guid}/messages", PostMessage).WithName("PostMessage").WithSummary("Send a reply or a private note")
            .WithDescription("201 with the stored message. Sending again with the same clientMessageId returns the first message (200) and stores nothing.");
        api.MapPost("/{id:guid}/assign", Assign).WithName("AssignConversation").WithSummary("Assign a conversation")
            .WithDescription("Assigns to an agent (agentId), or unassigns when agentId is null.");
        api.MapPost("/{id:guid}/close", Close).WithName("CloseConversation").WithSummary("Close a conversation");
        api.MapPost("/{id:guid}/reopen", Reopen).WithName("ReopenConversation").WithSummary("Reopen a conversation");
        app.MapHub<AgentHub>(AgentHub.Path);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ConversationDto>>, ValidationProblem>> List(
        ConversationQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken,
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
        return TypedResults.Ok(await queries.ListAsync(filter, CurrentAgent.From(user).Id, cancellationToken));
    }

    private static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Get(
        Guid id, ConversationQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { } conversation
            ? TypedResults.Ok(conversation)
            : NotFound(id);

    private static async Task<Results<Ok<IReadOnlyList<MessageDto>>, ProblemHttpResult>> Messages(
        Guid id, ConversationQueries queries, ConversationMessages messages, CancellationToken cancellationToken,
        long afterSeq = 0, int limit = 500)
    {
        if (await queries.FindAsync(id, cancellationToken) is null)
            return NotFound(id);
        return TypedResults.Ok(await messages.HistoryAsync(id, Math.Max(0, afterSeq), includePrivate: true, limit, cancellationToken));
    }

    private static async Task<Results<Created<MessageDto>, Ok<MessageDto>, ValidationProblem, ProblemHttpResult>> PostMessage(
        Guid id, PostMessageRequest request, ConversationMessages messages, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var agent = CurrentAgent.From(user);
        try
        {
            var result = await messages.AppendAsync(new NewMessage(
                id, MessageAuthor.Agent, agent.Id, agent.Name, request.Text ?? "", request.ClientMessageId, request.Private), cancellationToken);
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
        Guid id, AssignRequest request, ConversationActions actions, CancellationToken cancellationToken)
    {
        if (request.TeamId is not null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["teamId"] = ["Teams are not set up yet; assign to an agent with agentId."] });
        try
        {
            return TypedResults.Ok(await actions.AssignAsync(id, request.AgentId, cancellationToken));
        }
        catch (AgentNotFoundException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agentId"] = [ex.Message] });
        }
        catch (ConversationNotFoundException)
        {
            return NotFound(id);
        }
    }

    private static Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Close(
        Guid id, ConversationActions actions, CancellationToken cancellationToken) =>
        Change(id, () => actions.CloseAsync(id, cancellationToken));

    private static Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Reopen(
        Guid id, ConversationActions actions, CancellationToken cancellationToken) =>
        Change(id, () => actions.ReopenAsync(id, cancellationToken));

    private static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> Change(Guid id, Func<Task<ConversationDto>> change)
    {
        try
        {
            return TypedResults.Ok(await change());
        }
        catch (ConversationNotFoundException)
        {
            return NotFound(id);
        }
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "Conversation not found", detail: $"There is no conversation with id {id}.");
}
