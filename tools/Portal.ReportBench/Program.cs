// Report speed over a big history (issue #5: a report over 1,000,000 messages opens in under 2 s). Builds a SQLite
// database with Portal's schema holding 100,000 conversations and 1,000,000 messages over 90 days (3 sites, 4 teams,
// 24 agents, 3 channels), rolls it up once as the nightly rebuild does, catches up after a burst of activity as the
// five-minute job does, and then times the report the page and the API open, for 90 days in several groupings.
//   dotnet run -c Release --project tools/Portal.ReportBench -- [conversations] [messages per conversation] [runs]
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Contacts;
using Portal.Features.Reports;
using Portal.Features.Routing;
using Portal.Features.Sites;

var conversationCount = int.Parse(args.ElementAtOrDefault(0) ?? "100000", CultureInfo.InvariantCulture);
var messagesEach = int.Parse(args.ElementAtOrDefault(1) ?? "10", CultureInfo.InvariantCulture);
var runs = int.Parse(args.ElementAtOrDefault(2) ?? "7", CultureInfo.InvariantCulture);
const int Days = 90;

var folder = Directory.CreateTempSubdirectory("portal-reportbench-");
var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "portal.db"), Pooling = true }.ToString();
var services = new ServiceCollection()
    .AddDbContextFactory<PortalDbContext>(options => options.UseSqlite(connectionString))
    .AddSingleton(new DatabaseWriteGate(serializeWrites: true))
    .AddSingleton(TimeProvider.System)
    .AddSingleton<ReportRollups>()
    .AddSingleton<ReportQueries>()
    .BuildServiceProvider();
var dbFactory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

try
{
    var clock = Stopwatch.StartNew();
    var (sites, teams, agents, contacts) = await CreateSchemaAndPeopleAsync(dbFactory);
    var messageCount = Seed(connectionString, conversationCount, messagesEach, Days, sites, teams, agents, contacts);
    Console.WriteLine($"Seeded {conversationCount:N0} conversations and {messageCount:N0} messages over {Days} days in {clock.Elapsed.TotalSeconds:F1} s " +
        $"({new FileInfo(Path.Combine(folder.FullName, "portal.db")).Length / 1024 / 1024:N0} MB).");

    var rollups = services.GetRequiredService<ReportRollups>();
    var rebuild = await TimeAsync(() => rollups.RebuildAsync());
    await using (var db = await dbFactory.CreateDbContextAsync())
        Console.WriteLine($"Full rollup (first start / nightly rebuild): {rebuild:F0} ms, {await db.ReportRollups.CountAsync():N0} rollup rows.");

    var touched = TouchRecentConversations(connectionString, 1_000);
    var catchUp = await TimeAsync(() => rollups.CatchUpAsync());
    Console.WriteLine($"Catch-up after {touched:N0} conversations of the last 3 days changed (the 5-minute job): {catchUp:F0} ms.");

    var queries = services.GetRequiredService<ReportQueries>();
    var to = DateOnly.FromDateTime(DateTime.UtcNow);
    var from = to.AddDays(-Days);
    var whole = await queries.BuildAsync(new ReportRequest(from, to, ReportPeriod.Total, ReportBreakdown.None));
    if ((whole.Total.Conversations, whole.Total.Messages) != (conversationCount, messageCount))
        throw new InvalidOperationException($"The report counts {whole.Total.Conversations:N0} conversations and {whole.Total.Messages:N0} messages.");
    Console.WriteLine();
    Console.WriteLine($"| report over {Days + 1} days | rows | p50 | max |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var (groupBy, by) in new[]
             {
                 (ReportPeriod.Day, ReportBreakdown.None), (ReportPeriod.Day, ReportBreakdown.Agent), (ReportPeriod.Week, ReportBreakdown.Team),
                 (ReportPeriod.Day, ReportBreakdown.Channel), (ReportPeriod.Total, ReportBreakdown.Site), (ReportPeriod.Total, ReportBreakdown.Agent),
             })
    {
        var request = new ReportRequest(from, to, groupBy, by);
        var times = new List<double>();
        var rows = 0;
        for (var run = 0; run < runs; run++)
            times.Add(await TimeAsync(async () => rows = (await queries.BuildAsync(request)).Rows.Count));
        times.Sort();
        Console.WriteLine($"| per {groupBy.ToString().ToLowerInvariant()}, by {by.ToString().ToLowerInvariant()} | {rows:N0} | {times[times.Count / 2]:F0} ms | {times[^1]:F0} ms |");
    }
}
finally
{
    await services.DisposeAsync();
    SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalMilliseconds;
}

// The few rows with many columns go through EF Core; the millions go through raw SQL below.
static async Task<(Guid[] Sites, Guid[] Teams, string[] Agents, Guid[][] Contacts)> CreateSchemaAndPeopleAsync(IDbContextFactory<PortalDbContext> dbFactory)
{
    await using var db = await dbFactory.CreateDbContextAsync();
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    var sites = new[] { "Flagship", "Outlet", "App" }.Select(name => new Site { Name = name, SiteKey = name.ToLowerInvariant(), IdentitySecret = "bench" }).ToArray();
    var teams = new[] { "Pre-sales", "After-sales", "VIP", "Returns" }.Select(name => new SupportTeam { Name = name }).ToArray();
    var agents = Enumerable.Range(1, 24).Select(i => new PortalUser
    {
        UserName = $"agent{i}@bench.local", NormalizedUserName = $"AGENT{i}@BENCH.LOCAL", Email = $"agent{i}@bench.local",
        NormalizedEmail = $"AGENT{i}@BENCH.LOCAL", DisplayName = $"Agent {i}",
    }).ToArray();
    var contacts = sites.Select(site => Enumerable.Range(0, 3_000).Select(i => new Contact { SiteId = site.Id, Name = $"Customer {i}" }).ToArray()).ToArray();
    db.Sites.AddRange(sites);
    db.Teams.AddRange(teams);
    db.Users.AddRange(agents);
    db.Contacts.AddRange(contacts.SelectMany(c => c));
    await db.SaveChangesAsync();
    return ([.. sites.Select(s => s.Id)], [.. teams.Select(t => t.Id)], [.. agents.Select(a => a.Id)],
        [.. contacts.Select(c => c.Select(x => x.Id).ToArray())]);
}

// Conversations as they happen: 40% the bot resolves, 35% it hands over to a person, 25% a person takes from the start;
// 5% are still open. Message counts alternate around the mean so the total is exact.
static long Seed(string connectionString, int conversationCount, int messagesEach, int days,
    Guid[] sites, Guid[] teams, string[] agents, Guid[][] contacts)
{
    var random = new Random(5);
    var now = DateTime.UtcNow;
    string[] channels = ["web", "web", "web", "wechat", "api"];
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA synchronous=OFF;";
        pragma.ExecuteNonQuery();
    }
    using var transaction = connection.BeginTransaction();
    using var conversation = connection.CreateCommand();
    conversation.CommandText = """
        INSERT INTO Conversations (Id, SiteId, ContactId, Status, AssigneeId, TeamId, AssignedAt, Channel, BotActive, HandedOverAt,
            AwaitingAgentSince, FirstRespondedAt, ClosedAt, LastSeq, UnreadByAgents, CustomerReadSeq, LastMessagePreview, LastMessageAt, CreatedAt, LastActivityAt)
        VALUES ($id, $site, $contact, $status, $assignee, $team, $assigned, $channel, $bot, $handedOver,
            $awaiting, $responded, $closed, $lastSeq, 0, $lastSeq, 'Thanks!', $lastAt, $created, $lastAt)
        """;
    var c = Parameters(conversation, "$id", "$site", "$contact", "$status", "$assignee", "$team", "$assigned", "$channel", "$bot",
        "$handedOver", "$awaiting", "$responded", "$closed", "$lastSeq", "$lastAt", "$created");
    using var message = connection.CreateCommand();
    message.CommandText = """
        INSERT INTO Messages (Id, ConversationId, Seq, Author, AuthorId, AuthorName, Text, Private, SentAt)
        VALUES ($id, $conversation, $seq, $author, $authorId, $authorName, $text, 0, $sent)
        """;
    var m = Parameters(message, "$id", "$conversation", "$seq", "$author", "$authorId", "$authorName", "$text", "$sent");

    long messageCount = 0;
    var spread = 0;
    var pending = new List<object?[]>();
    for (var i = 0; i < conversationCount; i++)
    {
        spread = i % 2 == 0 ? random.Next(0, Math.Min(6, messagesEach - 2) + 1) : -spread;
        var messages = messagesEach + spread;
        var siteIndex = random.Next(sites.Length);
        var created = now.AddDays(-days).AddSeconds(random.NextDouble() * days * 86_400 - 60);
        var kind = random.NextDouble();
        var botAnswers = kind < 0.75;
        var handedOver = kind is >= 0.4 and < 0.75;
        var agent = botAnswers && !handedOver ? null : agents[random.Next(agents.Length)];
        var id = Guid.CreateVersion7(created);
        var at = created;
        DateTime? handedOverAt = null, awaiting = null, responded = null;
        for (var seq = 1; seq <= messages; seq++)
        {
            var author = seq switch
            {
                1 => "Customer",
                2 when botAnswers => "Bot",
                _ when agent is null => seq % 2 == 0 ? "Bot" : "Customer",
                _ when seq % 2 == 1 => "Customer",
                _ => "Agent",
            };
            at = at.AddSeconds(random.Next(2, 90));
            if (author == "Customer" && awaiting is null && !botAnswers)
                awaiting = at;
            if (author == "Agent" && responded is null)
            {
                if (handedOver)
                    handedOverAt = awaiting = at;
                // People answer in seconds to many minutes; the tail is what p90 is for.
                at = at.AddSeconds(random.NextDouble() < 0.85 ? random.Next(5, 180) : random.Next(180, 3_600));
                responded = at;
            }
            pending.Add([Guid.CreateVersion7(at), id, seq, author, author == "Agent" ? agent : null, author, "Hello, where is my order? It was due yesterday.", at]);
        }
        messageCount += messages;
        DateTime? closed = random.NextDouble() < 0.95 ? at.AddSeconds(random.Next(30, 7_200)) : null;
        Set(c, id, sites[siteIndex], contacts[siteIndex][random.Next(contacts[siteIndex].Length)], closed is null ? "Open" : "Closed",
            agent, agent is null ? null : teams[random.Next(teams.Length)], responded, channels[random.Next(channels.Length)],
            botAnswers && !handedOver, handedOverAt, awaiting, responded, closed, messages, at, created);
        conversation.ExecuteNonQuery();
        foreach (var values in pending)
        {
            Set(m, values);
            message.ExecuteNonQuery();
        }
        pending.Clear();
    }
    transaction.Commit();
    return messageCount;
}

// What the five-minute job finds after busy minutes: conversations of the last three days with new activity.
static int TouchRecentConversations(string connectionString, int count)
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using var touch = connection.CreateCommand();
    touch.CommandText = """
        UPDATE Conversations SET LastActivityAt = $now
        WHERE Id IN (SELECT Id FROM Conversations WHERE CreatedAt >= $since ORDER BY Id LIMIT $count)
        """;
    touch.Parameters.AddWithValue("$now", DateTime.UtcNow);
    touch.Parameters.AddWithValue("$since", DateTime.UtcNow.Date.AddDays(-2));
    touch.Parameters.AddWithValue("$count", count);
    return touch.ExecuteNonQuery();
}

static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
    [.. names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))];

static void Set(SqliteParameter[] parameters, params object?[] values)
{
    for (var i = 0; i < values.Length; i++)
        // EF Core keeps Guids as upper-case text; Microsoft.Data.Sqlite would bind a Guid as a blob.
        parameters[i].Value = values[i] switch { null => DBNull.Value, Guid id => id.ToString().ToUpperInvariant(), var value => value };
}
