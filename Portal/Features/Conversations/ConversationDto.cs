namespace Portal.Features.Conversations;

/// <summary>A conversation as the console and the API list it.</summary>
public sealed record ConversationDto(
    Guid Id,
    Guid SiteId,
    string SiteName,
    Guid ContactId,
    string ContactName,
    ConversationStatus Status,
    string? AssigneeId,
    string? AssigneeName,
    Guid? TeamId,
    string? TeamName,
    DateTime? QueuedAt,
    string Channel,
    long LastSeq,
    int Unread,
    string? LastMessagePreview,
    DateTime? LastMessageAt,
    DateTime LastActivityAt,
    DateTime CreatedAt,
    bool BotActive,
    string? HandoverSummary);
