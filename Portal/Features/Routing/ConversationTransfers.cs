using Portal.Features.Conversations;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Team;

namespace Portal.Features.Routing;

/// <summary>Transfers (API and console): to an agent, or into a team's queue, with a private note saying who and why.</summary>
public sealed class ConversationTransfers(
    ConversationQueries queries, ConversationActions actions, ConversationMessages messages, TeamDirectory teams, MessageTracing tracing)
{
    public const int MaxNoteLength = 1000;

    /// <exception cref="TeamValidationException">Neither or both targets, an unknown or deactivated target, or a long note.</exception>
    /// <exception cref="ConversationNotFoundException"/>
    /// <exception cref="UnauthorizedAccessException">The conversation is not one the viewer may see.</exception>
    public async Task<ConversationDto> TransferAsync(Guid conversationId, string? agentId, Guid? teamId, string? note,
        Viewer viewer, CurrentAgent actor, CancellationToken cancellationToken = default)
    {
        if ((agentId is null) == (teamId is null))
            throw TeamValidationException.For("agentId", "Transfer to either an agent (agentId) or a team (teamId).");
        if (note is { Length: > MaxNoteLength })
            throw TeamValidationException.For("note", $"A transfer note may be at most {MaxNoteLength} characters.");
        var conversation = await queries.FindAsync(conversationId, cancellationToken) ?? throw new ConversationNotFoundException(conversationId);
        if (!viewer.CanSee(conversation))
            throw new UnauthorizedAccessException("This conversation is assigned to someone else; transferring it needs conversations.view.all.");

        ConversationDto moved;
        string target;
        try
        {
            if (teamId is { } id)
            {
                target = $"team {(await teams.FindAsync(id, cancellationToken)).Name}";
                moved = await actions.QueueAsync(conversationId, id, cancellationToken);
            }
            else
            {
                moved = await actions.AssignAsync(conversationId, agentId, cancellationToken);
                target = moved.AssigneeName ?? "another agent";
            }
        }
        catch (Exception ex) when (ex is AgentNotFoundException or TeamNotFoundException)
        {
            throw TeamValidationException.For(teamId is null ? "agentId" : "teamId", ex.Message);
        }

        var text = string.IsNullOrWhiteSpace(note) ? $"{actor.Name} transferred this to {target}." : $"{actor.Name} transferred this to {target}: {note.Trim()}";
        using var trace = tracing.StartEntry(MessageSpans.TransferNote, conversationId, MessageAuthor.System, conversation.Channel);
        var result = await messages.AppendAsync(new NewMessage(conversationId, MessageAuthor.System, actor.Id, actor.Name, text, Private: true), cancellationToken);
        trace.Stored(result.Message);
        return moved;
    }
}
