namespace Portal.Features.Conversations;

/// <summary>
/// What the console and <c>GET /api/v1/conversations</c> list. <see cref="Assignee"/> is "me",
/// "unassigned", a user id, or null for everyone's.
/// </summary>
public sealed record ConversationFilter(
    ConversationStatus? Status = null,
    string? Assignee = null,
    string? Channel = null,
    string? Query = null,
    int Limit = 100);
