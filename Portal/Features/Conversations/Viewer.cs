using System.Security.Claims;
using Portal.Features.Team;

namespace Portal.Features.Conversations;

/// <summary>
/// Who is looking at conversations and which they may see: with <c>conversations.view.all</c> every one,
/// otherwise their own and the unassigned ones (issue #3). One rule for the API, the hubs and the console.
/// </summary>
public sealed record Viewer(string UserId, bool CanViewAll)
{
    public bool CanSee(string? assigneeId) => CanViewAll || assigneeId is null || assigneeId == UserId;

    public bool CanSee(ConversationDto conversation) => CanSee(conversation.AssigneeId);

    public static async Task<Viewer> ForAsync(ClaimsPrincipal user, AccessDirectory access, CancellationToken cancellationToken = default)
    {
        var agent = CurrentAgent.From(user);
        var current = await access.GetAsync(agent.Id, cancellationToken);
        return new Viewer(agent.Id, current.Has(Permissions.ConversationsViewAll));
    }
}
