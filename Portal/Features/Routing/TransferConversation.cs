using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Conversations;
using Portal.Features.Team;

namespace Portal.Features.Routing;

/// <summary>
/// <c>POST /api/v1/conversations/{id}/transfer</c>: hands a conversation to another agent or to a team's queue,
/// leaving a private note for whoever picks it up.
/// </summary>
public static class TransferConversation
{
    public sealed record TransferRequest(string? AgentId, Guid? TeamId, string? Note);

    public static async Task<Results<Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, TransferRequest request, ConversationTransfers transfers, AccessDirectory access, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var viewer = await Viewer.ForAsync(user, access, cancellationToken);
        try
        {
            return TypedResults.Ok(await transfers.TransferAsync(id, request.AgentId, request.TeamId, request.Note, viewer,
                CurrentAgent.From(user), cancellationToken));
        }
        catch (TeamValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
        catch (ConversationNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your conversation", detail: ex.Message);
        }
    }
}
