using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;

namespace Portal.Features.Reports;

/// <summary>
/// Computes <see cref="ReportRollup"/> rows. A day's rows are always recomputed whole from its conversations (never
/// incremented), so a run can repeat or overlap another without counting anything twice.
/// </summary>
public sealed class ReportRollups(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, TimeProvider clock)
{
    /// <summary>
    /// How far before the previous run's start a catch-up looks. A change stamps LastActivityAt just before it is
    /// saved, so a change being saved while the previous run read (or stamped by a node whose clock runs behind)
    /// carries a time before that run's start; looking back covers it, and recomputing a day twice costs nothing.
    /// </summary>
    public static readonly TimeSpan CatchUpOverlap = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    /// <summary>
    /// Recomputes the days of the conversations changed since the last run. Every change to a conversation (a
    /// message, assignment, handover, close, reopen) stamps its LastActivityAt, but its figures belong to the day it
    /// was created; so the days to redo are the creation days of the conversations stamped since then — a
    /// conversation closed three days after it started moves its own day's row. The first run (no state yet) is a
    /// full rebuild, the backfill.
    /// </summary>
    public Task CatchUpAsync(CancellationToken cancellationToken = default) => RunAsync(rebuild: false, cancellationToken);

    /// <summary>
    /// Recomputes every day that has conversations or rollups: picks up what stamps no LastActivityAt (a deleted
    /// conversation, a deleted team or person whose conversations lost it).
    /// </summary>
    public Task RebuildAsync(CancellationToken cancellationToken = default) => RunAsync(rebuild: true, cancellationToken);

    /// <summary>When the figures were last brought up to date, or null before the first run.</summary>
    public async Task<DateTime?> LastRunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReportRollupState.AsNoTracking().Where(s => s.Id == ReportRollupState.SingletonId).Select(s => (DateTime?)s.LastRunFinishedAt).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task RunAsync(bool rebuild, CancellationToken cancellationToken)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            var startedAt = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var state = await db.ReportRollupState.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ReportRollupState.SingletonId, cancellationToken);
            var days = rebuild || state is null
                ? await AllDaysAsync(db, cancellationToken)
                : await DaysChangedSinceAsync(db, state.LastRunStartedAt - CatchUpOverlap, cancellationToken);
            foreach (var day in days.Order())
                await RollUpDayAsync(day, cancellationToken);
            await SaveStateAsync(startedAt, cancellationToken);
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    private static async Task<HashSet<DateOnly>> AllDaysAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var days = await db.ReportRollups.Select(r => r.Day).Distinct().ToListAsync(cancellationToken);
        var created = await db.Conversations.Select(c => c.CreatedAt).ToListAsync(cancellationToken);
        return [.. days, .. created.Select(DayOf)];
    }

    private static async Task<HashSet<DateOnly>> DaysChangedSinceAsync(PortalDbContext db, DateTime since, CancellationToken cancellationToken)
    {
        var created = await db.Conversations.Where(c => c.LastActivityAt >= since).Select(c => c.CreatedAt).ToListAsync(cancellationToken);
        return [.. created.Select(DayOf)];
    }

    private async Task RollUpDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var rows = await ComputeDayAsync(day, cancellationToken);
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.ReportRollups.Where(r => r.Day == day).ExecuteDeleteAsync(cancellationToken);
            db.ReportRollups.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<List<ReportRollup>> ComputeDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end)
            .Select(c => new DayConversation(c.Id, c.SiteId, c.Channel, c.TeamId, c.AssigneeId, c.CreatedAt,
                c.AwaitingAgentSince, c.FirstRespondedAt, c.HandedOverAt, c.ClosedAt))
            .ToListAsync(cancellationToken);
        var messages = await (
                from m in db.Messages
                join c in db.Conversations on m.ConversationId equals c.Id
                where c.CreatedAt >= start && c.CreatedAt < end && !m.Private
                group m by m.ConversationId into g
                select new { ConversationId = g.Key, Count = g.Count(), Bot = g.Count(m => m.Author == MessageAuthor.Bot) })
            .ToDictionaryAsync(m => m.ConversationId, m => (m.Count, m.Bot), cancellationToken);

        return [.. conversations
            .GroupBy(c => (c.SiteId, c.Channel, c.TeamId, c.AssigneeId))
            .Select(group => RollUp(day, group.Key, group, messages))];
    }

    private static ReportRollup RollUp(DateOnly day, (Guid SiteId, string Channel, Guid? TeamId, string? AgentId) key,
        IEnumerable<DayConversation> conversations, Dictionary<Guid, (int Count, int Bot)> messages)
    {
        var row = new ReportRollup { Day = day, SiteId = key.SiteId, Channel = key.Channel, TeamId = key.TeamId, AgentId = key.AgentId };
        var firstResponses = new DurationHistogram();
        var resolutions = new DurationHistogram();
        foreach (var c in conversations)
        {
            var (messageCount, botMessages) = messages.GetValueOrDefault(c.Id);
            row.Conversations++;
            row.Messages += messageCount;
            if (c.AwaitingAgentSince is { } waitingSince)
            {
                row.WaitedForAgent++;
                if (c.FirstRespondedAt is { } answered)
                {
                    row.FirstResponded++;
                    firstResponses.Add(answered - waitingSince);
                }
            }
            if (c.ClosedAt is { } closed)
            {
                row.Closed++;
                resolutions.Add(closed - c.CreatedAt);
            }
            if (botMessages > 0)
            {
                row.BotAnswered++;
                if (c.ClosedAt is not null && c.HandedOverAt is null && c.FirstRespondedAt is null)
                    row.BotResolved++;
            }
        }
        row.FirstResponseTimes = firstResponses.Serialize();
        row.ResolutionTimes = resolutions.Serialize();
        return row;
    }

    private async Task SaveStateAsync(DateTime startedAt, CancellationToken cancellationToken)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var state = await db.ReportRollupState.FirstOrDefaultAsync(s => s.Id == ReportRollupState.SingletonId, cancellationToken);
            if (state is null)
            {
                state = new ReportRollupState();
                db.ReportRollupState.Add(state);
            }
            state.LastRunStartedAt = startedAt;
            state.LastRunFinishedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static DateOnly DayOf(DateTime time) => DateOnly.FromDateTime(time);

    private sealed record DayConversation(
        Guid Id, Guid SiteId, string Channel, Guid? TeamId, string? AssigneeId, DateTime CreatedAt,
        DateTime? AwaitingAgentSince, DateTime? FirstRespondedAt, DateTime? HandedOverAt, DateTime? ClosedAt);
}
