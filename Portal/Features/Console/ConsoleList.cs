using Portal.Features.Conversations;

namespace Portal.Features.Console;

public enum ConsoleView { Mine, Unassigned, All }

/// <summary>Keeps the console's conversation list current as conversations change, without asking the database.</summary>
public static class ConsoleList
{
    public static bool Matches(ConversationDto conversation, ConsoleView view, ConversationStatus? status, Viewer viewer) =>
        conversation.LastSeq > 0
        && viewer.CanSee(conversation)
        && (status is null || conversation.Status == status)
        && view switch
        {
            ConsoleView.Mine => conversation.AssigneeId == viewer.UserId,
            ConsoleView.Unassigned => conversation.AssigneeId is null,
            _ => true,
        };

    /// <summary>
    /// The list after <paramref name="changed"/>: updated in place, added, or dropped when it no longer fits the view.
    /// While a search is active, only conversations already in the results are updated; new ones wait for the next search.
    /// </summary>
    public static IReadOnlyList<ConversationDto> Apply(
        IReadOnlyList<ConversationDto> list, ConversationDto changed, ConsoleView view, ConversationStatus? status, Viewer viewer, string query)
    {
        var listed = list.Any(c => c.Id == changed.Id);
        var keep = Matches(changed, view, status, viewer) && (string.IsNullOrWhiteSpace(query) || listed);
        var others = list.Where(c => c.Id != changed.Id);
        return (keep ? others.Append(changed) : others).OrderByDescending(c => c.LastActivityAt).ToList();
    }
}
