using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Reports;
using Portal.Features.Routing;
using Portal.Features.Sites;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Reports;

/// <summary>
/// An app of its own: conversations with known timings are written straight into its database, the rollup job runs,
/// and every figure the report API gives is checked against a direct count over the same rows.
/// </summary>
public sealed class ReportRollupTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly DateOnly From = Today.AddDays(-15);
    private static readonly string[] ChannelNames = ["web", "wechat", "api"];
    private const string SeededSiteKey = "outlet-store";

    public static TheoryData<string, string> Reports()
    {
        var data = new TheoryData<string, string>();
        foreach (var groupBy in new[] { "day", "week", "total" })
        foreach (var by in new[] { "none", "agent", "team", "channel", "site" })
            data.Add(groupBy, by);
        return data;
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Every_figure_of_the_report_equals_a_direct_count_of_the_conversations(string groupBy, string by)
    {
        await SeedOnceAsync();
        using var admin = await app.CreateApiClientAsync();

        var report = await admin.GetAsync<ReportAnswer>($"/api/v1/reports?from={Day(From)}&to={Day(Today)}&groupBy={groupBy}&by={by}");

        var expected = await ExpectedRowsAsync(groupBy, by);
        Assert.True(expected.Count >= (groupBy == "total" && by == "none" ? 1 : 3), "The seeded data should give several rows.");
        Assert.Equal(expected.Select(e => (e.Period, e.Key)).Order(), report.Rows.Select(r => (r.Period, r.Key)).Order());
        foreach (var row in report.Rows)
            AssertSameFigures(expected.Single(e => e.Period == row.Period && e.Key == row.Key), row, report.PercentilePrecision);
        var periods = await ExpectedRowsAsync(groupBy, "none");
        Assert.Equal(periods.Select(p => p.Period).Order(), report.Periods.Select(p => p.Period));
        foreach (var period in report.Periods)
            AssertSameFigures(periods.Single(p => p.Period == period.Period), period, report.PercentilePrecision);
        AssertSameFigures(await TotalAsync(), report.Total, report.PercentilePrecision);
        Assert.NotNull(report.AsOf);
    }

    [Fact]
    public async Task A_conversation_closed_days_after_it_started_moves_into_the_figures_of_the_day_it_started()
    {
        await SeedOnceAsync();
        var started = DateTime.UtcNow.Date.AddDays(-3).AddHours(9);
        var conversationId = await AddOpenConversationAsync(started);
        var rollups = app.Services.GetRequiredService<ReportRollups>();
        await rollups.CatchUpAsync();
        using var admin = await app.CreateApiClientAsync();
        var url = $"/api/v1/reports?from={Day(DateOnly.FromDateTime(started))}&to={Day(DateOnly.FromDateTime(started))}&groupBy=day&by=channel";
        var before = (await admin.GetAsync<ReportAnswer>(url)).Rows.Single(r => r.Key == "email");
        Assert.Equal((1, 0), (before.Conversations, before.Closed));

        await app.Services.GetRequiredService<ConversationActions>().CloseAsync(conversationId);
        await rollups.CatchUpAsync();

        var after = (await admin.GetAsync<ReportAnswer>(url)).Rows.Single(r => r.Key == "email");
        Assert.Equal((1, 1), (after.Conversations, after.Closed));
        var resolution = (DateTime.UtcNow - started).TotalSeconds;
        Assert.InRange(after.ResolutionMedianSeconds!.Value, resolution * 0.95, resolution * 1.05);
        var today = await admin.GetAsync<ReportAnswer>($"/api/v1/reports?from={Day(Today)}&to={Day(Today)}&by=channel");
        Assert.DoesNotContain(today.Rows, r => r.Key == "email");
    }

    private static void AssertSameFigures(ReportRowAnswer expected, ReportRowAnswer actual, double precision)
    {
        var what = $"{actual.Period} {actual.Label}";
        Assert.True(
            (expected.Conversations, expected.Messages, expected.WaitedForAgent, expected.FirstResponded, expected.Closed, expected.BotAnswered, expected.BotResolved)
            == (actual.Conversations, actual.Messages, actual.WaitedForAgent, actual.FirstResponded, actual.Closed, actual.BotAnswered, actual.BotResolved),
            $"{what}: expected {expected}, got {actual}");
        AssertClose(expected.FirstResponseMedianSeconds, actual.FirstResponseMedianSeconds, precision, what + " first-response median");
        AssertClose(expected.FirstResponseP90Seconds, actual.FirstResponseP90Seconds, precision, what + " first-response p90");
        AssertClose(expected.ResolutionMedianSeconds, actual.ResolutionMedianSeconds, precision, what + " resolution median");
        AssertClose(expected.ResolutionP90Seconds, actual.ResolutionP90Seconds, precision, what + " resolution p90");
        Assert.Equal(expected.BotResolutionRate is null, actual.BotResolutionRate is null);
        if (expected.BotResolutionRate is { } rate)
            Assert.Equal(rate, actual.BotResolutionRate!.Value, 6);
    }

    private static void AssertClose(double? exact, double? reported, double precision, string what)
    {
        Assert.True(exact is null == reported is null, $"{what}: expected {exact}, got {reported}");
        if (exact is { } value)
            Assert.True(Math.Abs(reported!.Value - value) <= value * precision + 0.5, $"{what}: expected {value} s within {precision:P1}, got {reported} s");
    }

    /// <summary>
    /// Seeds the class's app once (tests of a class run in turn): eight days of conversations over three sites,
    /// three channels, two teams and three agents, then rebuilds the rollups.
    /// </summary>
    private async Task SeedOnceAsync()
    {
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            if (await db.Sites.AnyAsync(s => s.SiteKey == SeededSiteKey))
                return;
        await SeedAsync();
        await app.Services.GetRequiredService<ReportRollups>().RebuildAsync();
    }

    private async Task SeedAsync()
    {
        var agents = new[]
        {
            await app.UserIdAsync(PortalAppFactory.Agent1Email), await app.UserIdAsync(PortalAppFactory.Agent2Email),
            await app.UserIdAsync("supervisor@portal.local"),
        };
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var sites = new List<Guid> { (await db.Sites.SingleAsync()).Id };
        foreach (var name in new[] { "App Shop", "Outlet Store" })
        {
            var site = new Site { Name = name, SiteKey = name.ToLowerInvariant().Replace(' ', '-'), IdentitySecret = "not-used-here" };
            db.Sites.Add(site);
            sites.Add(site.Id);
        }
        var teams = new List<Guid?> { null };
        foreach (var name in new[] { "Pre-sales", "After-sales" })
        {
            var team = new SupportTeam { Name = name };
            db.Teams.Add(team);
            teams.Add(team.Id);
        }

        var random = new Random(42);
        for (var daysAgo = 9; daysAgo >= 2; daysAgo--)
        {
            var day = DateTime.UtcNow.Date.AddDays(-daysAgo);
            for (var i = 0; i < 24; i++)
            {
                var start = day.AddSeconds(random.Next(0, 86_400));
                var contact = new Contact { SiteId = sites[i % sites.Count], Name = $"Customer {daysAgo}-{i}" };
                db.Contacts.Add(contact);
                var conversation = new Conversation
                {
                    SiteId = contact.SiteId, ContactId = contact.Id, CreatedAt = start, Channel = ChannelNames[random.Next(ChannelNames.Length)],
                    TeamId = teams[random.Next(teams.Count)], AssigneeId = random.Next(4) == 0 ? null : agents[random.Next(agents.Length)],
                };
                db.Conversations.Add(conversation);
                var at = start;
                void Say(MessageAuthor author, bool isPrivate = false)
                {
                    db.Messages.Add(new Message
                    {
                        ConversationId = conversation.Id, Seq = ++conversation.LastSeq, Author = author, Private = isPrivate, SentAt = at,
                        Text = $"{author} line", AuthorId = author == MessageAuthor.Agent ? conversation.AssigneeId : null,
                    });
                }
                Say(MessageAuthor.Customer);
                var botAnswers = random.Next(3) > 0;
                if (botAnswers)
                {
                    at = at.AddSeconds(2);
                    Say(MessageAuthor.Bot);
                }
                var handedOver = botAnswers && random.Next(2) == 0;
                if (handedOver)
                    conversation.HandedOverAt = at = at.AddSeconds(random.Next(5, 300));
                if (!botAnswers || handedOver)
                    conversation.AwaitingAgentSince = botAnswers ? conversation.HandedOverAt : start;
                if (conversation.AwaitingAgentSince is not null && conversation.AssigneeId is not null && random.Next(5) > 0)
                {
                    // Waits from a few seconds to hours, so the percentiles fall into many different buckets.
                    at = at.AddSeconds(Math.Round(Math.Exp(random.NextDouble() * 9), 1));
                    conversation.FirstRespondedAt = at;
                    Say(MessageAuthor.Agent);
                    if (random.Next(3) == 0)
                        Say(MessageAuthor.Agent, isPrivate: true);
                }
                if (random.Next(4) > 0)
                {
                    conversation.ClosedAt = at.AddSeconds(random.Next(30, 40_000));
                    conversation.Status = ConversationStatus.Closed;
                }
                conversation.LastActivityAt = conversation.ClosedAt ?? at;
            }
        }
        await db.SaveChangesAsync();
    }

    private async Task<Guid> AddOpenConversationAsync(DateTime start)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var site = await db.Sites.FirstAsync();
        var contact = new Contact { SiteId = site.Id, Name = "Late closer" };
        var conversation = new Conversation { SiteId = site.Id, ContactId = contact.Id, CreatedAt = start, LastActivityAt = DateTime.UtcNow, Channel = "email" };
        db.Contacts.Add(contact);
        db.Conversations.Add(conversation);
        db.Messages.Add(new Message { ConversationId = conversation.Id, Seq = ++conversation.LastSeq, Author = MessageAuthor.Customer, Text = "Hello", SentAt = start });
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private async Task<List<Facts>> FactsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var start = From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = Today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var conversations = await db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= start && c.CreatedAt < end).ToListAsync();
        var ids = conversations.Select(c => c.Id).ToList();
        var messages = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.ConversationId)).ToListAsync();
        return conversations.ConvertAll(c => new Facts(c,
            messages.Count(m => m.ConversationId == c.Id && !m.Private),
            messages.Any(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Bot)));
    }

    private async Task<List<ReportRowAnswer>> ExpectedRowsAsync(string groupBy, string by)
    {
        var facts = await FactsAsync();
        return [.. facts
            .GroupBy(f => (Period: Period(DateOnly.FromDateTime(f.Conversation.CreatedAt), groupBy), Key: Key(f.Conversation, by)))
            .Select(g => Figures(g.Key.Period, g.Key.Key, [.. g]))];
    }

    private async Task<ReportRowAnswer> TotalAsync() => Figures(From, null, await FactsAsync());

    private static ReportRowAnswer Figures(DateOnly period, string? key, IReadOnlyList<Facts> facts)
    {
        var waited = facts.Where(f => f.Conversation.AwaitingAgentSince is not null).ToList();
        var firstResponses = waited.Where(f => f.Conversation.FirstRespondedAt is not null)
            .Select(f => (f.Conversation.FirstRespondedAt!.Value - f.Conversation.AwaitingAgentSince!.Value).TotalSeconds).ToList();
        var resolutions = facts.Where(f => f.Conversation.ClosedAt is not null)
            .Select(f => (f.Conversation.ClosedAt!.Value - f.Conversation.CreatedAt).TotalSeconds).ToList();
        var botAnswered = facts.Count(f => f.BotAnswered);
        var botResolved = facts.Count(f => f.BotAnswered && f.Conversation.ClosedAt is not null
            && f.Conversation.HandedOverAt is null && f.Conversation.FirstRespondedAt is null);
        return new ReportRowAnswer(period, key, "", facts.Count, facts.Sum(f => f.Messages), waited.Count, firstResponses.Count,
            NearestRank(firstResponses, 0.5), NearestRank(firstResponses, 0.9), resolutions.Count, NearestRank(resolutions, 0.5), NearestRank(resolutions, 0.9),
            botAnswered, botResolved, botAnswered == 0 ? null : (double)botResolved / botAnswered);
    }

    private static double? NearestRank(List<double> values, double fraction)
    {
        if (values.Count == 0)
            return null;
        var sorted = values.Order().ToList();
        return sorted[Math.Max(1, (int)Math.Ceiling(fraction * sorted.Count)) - 1];
    }

    private static DateOnly Period(DateOnly day, string groupBy) => groupBy switch
    {
        "day" => day,
        "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => From,
    };

    private static string? Key(Conversation c, string by) => by switch
    {
        "agent" => c.AssigneeId,
        "team" => c.TeamId?.ToString(),
        "channel" => c.Channel,
        "site" => c.SiteId.ToString(),
        _ => null,
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Facts(Conversation Conversation, int Messages, bool BotAnswered);
}

public sealed record ReportRowAnswer(
    DateOnly Period, string? Key, string Label, int Conversations, int Messages, int WaitedForAgent, int FirstResponded,
    double? FirstResponseMedianSeconds, double? FirstResponseP90Seconds, int Closed, double? ResolutionMedianSeconds, double? ResolutionP90Seconds,
    int BotAnswered, int BotResolved, double? BotResolutionRate);

public sealed record ReportAnswer(
    DateOnly From, DateOnly To, string GroupBy, string By, DateTime? AsOf, double PercentilePrecision,
    ReportRowAnswer[] Rows, ReportRowAnswer[] Periods, ReportRowAnswer Total);
