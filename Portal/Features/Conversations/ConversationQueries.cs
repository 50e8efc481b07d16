using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Portal.Data;
using Portal.Features.Contacts;

namespace Portal.Features.Conversations;

/// <summary>Reads conversations in the shape the console and the API show them.</summary>
public sealed class ConversationQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const string Me = "me";
    public const string Unassigned = "unassigned";

    public async Task<ConversationDto?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ById.For(db)(db, id, cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationDto>> ListAsync(
        ConversationFilter filter, Viewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversations = db.Conversations.AsQueryable()
            // A widget session opens a conversation before the customer writes; the team sees it once they do.
            .Where(c => c.LastSeq > 0);
        if (!viewer.CanViewAll)
            conversations = conversations.Where(c => c.AssigneeId == null || c.AssigneeId == viewer.UserId);

        if (filter.Status is { } status)
            conversations = conversations.Where(c => c.Status == status);
        conversations = filter.Assignee switch
        {
            null or "" or "all" => conversations,
            Unassigned => conversations.Where(c => c.AssigneeId == null),
            Me => conversations.Where(c => c.AssigneeId == viewer.UserId),
            var userId => conversations.Where(c => c.AssigneeId == userId),
        };
        if (!string.IsNullOrWhiteSpace(filter.Channel))
            conversations = conversations.Where(c => c.Channel == filter.Channel);
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var pattern = TextSearch.ContainsPattern(db.Database, filter.Query);
            conversations = conversations.Where(c =>
                db.Contacts.Any(p => p.Id == c.ContactId
                    && (EF.Functions.Like(p.Name!.ToLower(), pattern, "\\") || EF.Functions.Like(p.Email!.ToLower(), pattern, "\\")
                        || EF.Functions.Like(p.ExternalId!.ToLower(), pattern, "\\")))
                || db.Messages.Any(m => m.ConversationId == c.Id && EF.Functions.Like(m.Text.ToLower(), pattern, "\\")));
        }

        return await Project(db, conversations.OrderByDescending(c => c.LastActivityAt))
            .Take(Math.Clamp(filter.Limit, 1, 500))
            .ToListAsync(cancellationToken);
    }

    /// <summary>What the console and the API show of each conversation: the one projection all reads share.</summary>
    private static readonly Expression<Func<PortalDbContext, IQueryable<Conversation>, IQueryable<ConversationDto>>> Shown =
        (db, conversations) =>
            from c in conversations
            join site in db.Sites on c.SiteId equals site.Id
            join contact in db.Contacts on c.ContactId equals contact.Id
            join assignee in db.Users on c.AssigneeId equals assignee.Id into assignees
            from assignee in assignees.DefaultIfEmpty()
            join team in db.Teams on c.TeamId equals team.Id into teams
            from team in teams.DefaultIfEmpty()
            select new ConversationDto(
                c.Id, c.SiteId, site.Name, c.ContactId,
                Contact.DisplayNameOf(contact.Name, contact.Email, contact.Id),
                c.Status, c.AssigneeId, assignee == null ? null : assignee.DisplayName,
                c.TeamId, team == null ? null : team.Name, c.QueuedAt,
                c.Channel, c.LastSeq, c.UnreadByAgents, c.LastMessagePreview, c.LastMessageAt, c.LastActivityAt, c.CreatedAt,
                c.BotActive, c.HandoverSummary);

    private static readonly Func<PortalDbContext, IQueryable<Conversation>, IQueryable<ConversationDto>> Project = Shown.Compile();

    /// <summary>
    /// The conversation by id: read after every message, so compiled once (building, parameterizing and looking up this
    /// five-table query anew took a seventh of the server's CPU at 1,000 messages/s). Declared after <see cref="Shown"/>,
    /// which it is made of: static fields are set in order.
    /// </summary>
    private static readonly PerModel<Func<PortalDbContext, Guid, CancellationToken, Task<ConversationDto?>>> ById =
        new(() => EF.CompileAsyncQuery(ByIdQuery()));

    /// <summary><see cref="Shown"/> of the conversation with the given id, as one expression EF can compile.</summary>
    private static Expression<Func<PortalDbContext, Guid, CancellationToken, ConversationDto?>> ByIdQuery()
    {
        Expression<Func<PortalDbContext, Guid, IQueryable<Conversation>>> withId = (db, id) => db.Conversations.Where(c => c.Id == id);
        var shown = new ReplacingExpressionVisitor([Shown.Parameters[0], Shown.Parameters[1]], [withId.Parameters[0], withId.Body])
            .Visit(Shown.Body);
        var first = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(ConversationDto)], shown);
        return Expression.Lambda<Func<PortalDbContext, Guid, CancellationToken, ConversationDto?>>(
            first, [.. withId.Parameters, Expression.Parameter(typeof(CancellationToken), "cancellationToken")]);
    }
}
