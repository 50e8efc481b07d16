using System.Text.Json;

namespace Portal.Tests.Infrastructure;

// The wire shapes of SPEC §4, written out here rather than borrowed from the app, so a test notices
// when the app's JSON changes. Enums stay strings: the contract is "customer", "open", …

public sealed record AccessTokens(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed record WidgetSession(string VisitorToken, Guid ConversationId);

public sealed record StartedConversation(WidgetSession Session, ChatMessage FirstMessage)
{
    public Guid Id => Session.ConversationId;
}

public sealed record ChatMessage(
    Guid Id, Guid ConversationId, long Seq, string Author, string AuthorName, string Text, bool Private, string? ClientMessageId, DateTime SentAt);

public sealed record ConversationSummary(
    Guid Id, Guid SiteId, string SiteName, Guid ContactId, string ContactName, string Status, string? AssigneeId,
    string? AssigneeName, string Channel, long LastSeq, int Unread, string? LastMessagePreview, DateTime? LastMessageAt);

public sealed record SiteSummary(Guid Id, string Name, string SiteKey);

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
