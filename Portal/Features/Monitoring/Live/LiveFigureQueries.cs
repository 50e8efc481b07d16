using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Conversations;
using Portal.Features.Shifts;

namespace Portal.Features.Monitoring.Live;

/// <summary>First responses over a recent window, as the dashboard and alerts read them.</summary>
public sealed record FirstResponseFigures(int Count, double? P50Seconds, double? P90Seconds);

/// <summary>The live figures only the database knows (shared by every node): first responses, the bot's share, agents.</summary>
public sealed class LiveFigureQueries(IDbContextFactory<PortalDbContext> dbFactory, AgentRoster roster)
{
    public async Task<FirstResponseFigures> FirstResponsesSinceAsync(DateTime since, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answered = await db.Conversations.AsNoTracking()
            .Where(c => c.FirstRespondedAt >= since && c.AwaitingAgentSince != null)
            .Select(c => new { c.AwaitingAgentSince, c.FirstRespondedAt })
            .ToListAsync(ct);
        var seconds = answered.Select(c => Math.Max(0, (c.FirstRespondedAt!.Value - c.AwaitingAgentSince!.Value).TotalSeconds)).Order().ToArray();
        return new FirstResponseFigures(seconds.Length, Percentile(seconds, 0.5), Percentile(seconds, 0.9));
    }

    /// <summary>Of the conversations started since <paramref name="since"/> that the bot answered, the share no person had to take.</summary>
    public async Task<double?> BotResolvedShareSinceAsync(DateTime since, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var botAnswered = db.Conversations.AsNoTracking()
            .Where(c => c.CreatedAt >= since && db.Messages.Any(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Bot));
        var total = await botAnswered.CountAsync(ct);
        if (total == 0)
            return null;
        var resolved = await botAnswered.CountAsync(c => c.HandedOverAt == null && c.FirstRespondedAt == null, ct);
        return (double)resolved / total;
    }

    public async Task<(int Online, int OnShift)> AgentsAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var online = await db.Users.AsNoTracking().CountAsync(u => u.IsActive && u.Presence == Presence.Online, ct);
        var onShift = (await roster.OnNowAsync(now, ct)).Count;
        return (online, onShift);
    }

    /// <summary>The nearest-rank percentile of sorted values, or null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double quantile) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
