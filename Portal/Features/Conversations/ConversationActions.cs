using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Conversations;

/// <summary>Changes to a conversation's state (assign, close, reopen, read), each stored and then announced.</summary>
public sealed class ConversationActions(
    IDbContextFactory<PortalDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    ConversationQueries queries,
    ConversationEvents events)
{
    /// <summary>Assigns to an agent, or unassigns with null.</summary>
    /// <exception cref="ConversationNotFoundException"/>
    /// <exception cref="AgentNotFoundException">There is no such agent, or the account is deactivated or expired.</exception>
    public async Task<ConversationDto> AssignAsync(Guid conversationId, string? agentId, CancellationToken cancellationToken = default)
    {
        if (agentId is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var agent = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == agentId, cancellationToken)
                ?? throw new AgentNotFoundException($"There is no agent with id {agentId}.");
            if (!agent.IsUsableAt(DateTime.UtcNow))
                throw new AgentNotFoundException($"{agent.DisplayName} is deactivated and cannot take conversations.");
        }
        return await ChangeAsync(conversationId, c =>
        {
            c.AssigneeId = agentId;
            c.AssignedAt = agentId is null ? null : DateTime.UtcNow;
            if (agentId is not null)
                c.QueuedAt = null;
        }, cancellationToken);
    }

    /// <summary>
    /// Routing's assignment: gives the conversation to the agent only if nobody has it yet, so two routing
    /// decisions (or two nodes) can never give one conversation to two agents. False when someone was first.
    /// </summary>
    public async Task<bool> AssignIfUnassignedAsync(Guid conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        var now = DateTime.UtcNow;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var taken = await db.Conversations
                .Where(c => c.Id == conversationId && c.AssigneeId == null && c.Status != ConversationStatus.Closed)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.AssigneeId, agentId)
                    .SetProperty(c => c.AssignedAt, now)
                    .SetProperty(c => c.QueuedAt, (DateTime?)null)
                    .SetProperty(c => c.LastActivityAt, now), cancellationToken);
            if (taken == 0)
                return false;
            await db.Users.Where(u => u.Id == agentId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAssignedAt, now), cancellationToken);
        }
        await AnnounceAsync(conversationId, previousAssignee: null, cancellationToken);
        return true;
    }

    /// <summary>Puts the conversation in a queue (a team's, or the shared one with null) to wait for an agent.</summary>
    /// <exception cref="ConversationNotFoundException"/>
    /// <exception cref="AgentNotFoundException">There is no such team.</exception>
    public async Task<ConversationDto> QueueAsync(Guid conversationId, Guid? teamId, CancellationToken cancellationToken = default)
    {
        if (teamId is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Teams.AnyAsync(t => t.Id == id, cancellationToken))
                throw new AgentNotFoundException($"There is no team with id {id}.");
        }
        return await ChangeAsync(conversationId, c =>
        {
            c.AssigneeId = null;
            c.AssignedAt = null;
            c.TeamId = teamId;
            c.QueuedAt ??= DateTime.UtcNow;
        }, cancellationToken);
    }

    /// <summary>The bot stops answering and pins what it learned for the agent who takes the conversation.</summary>
    /// <exception cref="ConversationNotFoundException"/>
    public Task<ConversationDto> HandOverAsync(Guid conversationId, string summary, CancellationToken cancellationToken = default) =>
        ChangeAsync(conversationId, c =>
        {
            c.BotActive = false;
            c.HandoverSummary = summary;
            c.HandedOverAt = DateTime.UtcNow;
            if (c.FirstRespondedAt is null)
                c.AwaitingAgentSince ??= c.HandedOverAt;
        }, cancellationToken);

    /// <summary>
    /// Turns the bot on (the conversation leaves its agent and queue and the bot answers again) or off (people answer;
    /// the caller routes it).
    /// </summary>
    /// <exception cref="ConversationNotFoundException"/>
    public Task<ConversationDto> SetBotActiveAsync(Guid conversationId, bool active, CancellationToken cancellationToken = default) =>
        ChangeAsync(conversationId, c =>
        {
            c.BotActive = active;
            if (!active)
                return;
            c.AssigneeId = null;
            c.AssignedAt = null;
            c.QueuedAt = null;
        }, cancellationToken);

    public async Task<ConversationDto> CloseAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        var closed = await ChangeAsync(conversationId, c =>
        {
            c.Status = ConversationStatus.Closed;
            c.ClosedAt = DateTime.UtcNow;
        }, cancellationToken);
        await events.PublishAsync(new ConversationClosed(conversationId));
        return closed;
    }

    public Task<ConversationDto> ReopenAsync(Guid conversationId, CancellationToken cancellationToken = default) =>
        ChangeAsync(conversationId, c =>
        {
            c.Status = ConversationStatus.Open;
            c.ClosedAt = null;
        }, cancellationToken);

    /// <summary>An agent has seen every message so far.</summary>
    public async Task MarkReadByAgentsAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var changed = await db.Conversations
                .Where(c => c.Id == conversationId && c.UnreadByAgents > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UnreadByAgents, 0), cancellationToken);
            if (changed == 0)
                return;
        }
        await AnnounceAsync(conversationId, previousAssignee: null, cancellationToken);
    }

    /// <summary>The customer has seen everything up to <paramref name="seq"/>.</summary>
    public async Task MarkReadByCustomerAsync(Guid conversationId, long seq, CancellationToken cancellationToken = default)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Conversations
                .Where(c => c.Id == conversationId && c.CustomerReadSeq < seq && seq <= c.LastSeq)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerReadSeq, seq), cancellationToken);
        }
    }

    private async Task<ConversationDto> ChangeAsync(
        Guid conversationId, Action<Conversation> change, CancellationToken cancellationToken)
    {
        string? previousAssignee;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var conversation = await ConversationRowLock.FindForWriteAsync(db, conversationId, cancellationToken)
                ?? throw new ConversationNotFoundException(conversationId);
            previousAssignee = conversation.AssigneeId;
            change(conversation);
            conversation.LastActivityAt = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return await AnnounceAsync(conversationId, previousAssignee, cancellationToken);
    }

    private async Task<ConversationDto> AnnounceAsync(Guid conversationId, string? previousAssignee, CancellationToken cancellationToken)
    {
        var dto = await queries.FindAsync(conversationId, cancellationToken)
            ?? throw new ConversationNotFoundException(conversationId);
        await events.PublishAsync(new ConversationChanged(dto, previousAssignee == dto.AssigneeId ? null : previousAssignee));
        return dto;
    }
}

public sealed class AgentNotFoundException(string message) : Exception(message);
