using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using Portal.Tests.Features.Shifts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>
/// Two Portal processes started at the same moment on an empty PostgreSQL database (and a Redis of their own), as after
/// a fresh deployment of two replicas: both must migrate, seed and come up ready without tripping over each other.
/// </summary>
public sealed class TwoNodesStartedTogether : IAsyncLifetime
{
    private readonly string _dataDirectoryA = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly string _dataDirectoryB = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly PostgresServer _postgres = new();
    private RedisServer _redis = null!;

    public string ConnectionString { get; private set; } = "";
    public PortalProcess A { get; private set; } = null!;
    public PortalProcess B { get; private set; } = null!;

    /// <summary>When both nodes answered /readyz.</summary>
    public DateTime BothReadyAt { get; private set; }

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _redis = await RedisServer.StartAsync();
        ConnectionString = await _postgres.CreateDatabaseAsync("portal");
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = ConnectionString,
            ["Portal:Redis"] = _redis.Configuration,
        };
        var a = PortalProcess.StartAsync(_dataDirectoryA, settings);
        var b = PortalProcess.StartAsync(_dataDirectoryB, settings);
        try
        {
            await Task.WhenAll(a, b);
        }
        finally
        {
            // Whichever came up is stopped with the fixture, even when the other did not.
            if (a.IsCompletedSuccessfully)
                A = a.Result;
            if (b.IsCompletedSuccessfully)
                B = b.Result;
        }
        BothReadyAt = DateTime.UtcNow;
    }

    /// <summary>One column of every row a query returns, as text.</summary>
    public async Task<List<string?>> QueryAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?>();
        while (await reader.ReadAsync())
            rows.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return rows;
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
            await B.DisposeAsync();
        if (A is not null)
            await A.DisposeAsync();
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
        foreach (var directory in new[] { _dataDirectoryA, _dataDirectoryB }.Where(Directory.Exists))
            Directory.Delete(directory, recursive: true);
    }
}

/// <summary>
/// Scale-out (issue #6): what must happen once for the whole cluster happens once, though every node runs it: start-up
/// migration and seeding, routing decisions, recurring jobs.
/// </summary>
[Collection(TwoNodeClustersCollection.Name)]
public sealed class ClusterOnceTests(TwoNodesStartedTogether nodes) : IClassFixture<TwoNodesStartedTogether>
{
    private const int Agents = 3;
    private const int Capacity = 2;
    private const int Customers = 30;

    [Fact]
    public async Task Two_nodes_started_together_on_an_empty_database_both_come_up_with_one_set_of_seed_data()
    {
        // The fixture waited for both /readyz: both migrated (or found it done) and seeded (or found it done).
        Assert.False(nodes.A.HasExited || nodes.B.HasExited, "A node exited after start.");

        Assert.Equal(["1"], await nodes.QueryAsync("""SELECT count(*) FROM "AspNetUsers" WHERE "NormalizedEmail" = upper(@email)""",
            new NpgsqlParameter("email", PortalAppFactory.AdminEmail)));
        Assert.Equal(["1"], await nodes.QueryAsync("""SELECT count(*) FROM "Sites" WHERE "SiteKey" = @key""",
            new NpgsqlParameter("key", PortalAppFactory.DemoSiteKey)));
        Assert.Equal(["0"], await DuplicatesAsync("AspNetUsers", "\"NormalizedEmail\""));
        Assert.Equal(["0"], await DuplicatesAsync("AspNetRoles", "\"NormalizedName\""));
        Assert.Equal(["0"], await DuplicatesAsync("ShiftTemplates", "\"Name\""));
        Assert.Equal(["0"], await DuplicatesAsync("ShiftAssignments", "\"UserId\", \"Date\", \"ShiftTemplateId\""));
        Assert.Equal(["0"], await DuplicatesAsync("__EFMigrationsHistory", "\"MigrationId\""));
    }

    [Fact]
    public async Task Thirty_waiting_customers_routed_by_both_nodes_at_once_fill_three_agents_exactly_to_capacity_and_the_rest_wait_in_order()
    {
        using var admin = nodes.A.CreateApiClient(await nodes.A.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword));
        var agentIds = new List<string>();
        var agentHubs = new List<HubConnection>();
        try
        {
            for (var i = 0; i < Agents; i++)
            {
                var email = $"once{i}@example.com";
                var created = await (await admin.PostJsonAsync("/api/v1/team/people", new
                {
                    email, displayName = $"Once {i}", roles = new[] { "Agent" }, capacity = Capacity, password = "Once-Pa55",
                })).ReadAsync<JsonElement>();
                agentIds.Add(created.GetProperty("personId").GetString()!);
            }
            await admin.PutOnShiftNowAsync(agentIds);
            for (var i = 0; i < Agents; i++)
            {
                var node = i % 2 == 0 ? nodes.A : nodes.B;
                agentHubs.Add(await node.ConnectAsync(PortalAppFactory.AgentHubPath, await node.LoginAsync($"once{i}@example.com", "Once-Pa55")));
            }

            // Every customer is connected before anyone writes, half to each node; then they all write at once, and both
            // nodes route side by side while nobody is online yet: everyone waits.
            var customers = await Task.WhenAll(Enumerable.Range(0, Customers).Select(i => ConnectCustomerAsync(i % 2 == 0 ? nodes.A : nodes.B)));
            try
            {
                await Task.WhenAll(customers.Select((c, i) => c.Hub.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), $"Customer {i} needs help")));
                var ids = customers.Select(c => c.ConversationId).ToArray();
                await WaitForAsync(ids, rows => rows.Count == Customers && rows.All(r => r.QueuedAt is not null));

                // The shift starts: the agents come online together, on both nodes, and each node routes the whole queue.
                await Task.WhenAll(agentHubs.Select(hub => hub.InvokeAsync("SetPresence", "online")));

                // Settled: every conversation has an agent or a place in the queue, and the agents' capacity is used.
                await WaitForAsync(ids, rows => rows.Count == Customers
                    && rows.All(r => r.AssigneeId is not null || r.QueuedAt is not null)
                    && rows.Count(r => r.AssigneeId is not null) >= Agents * Capacity);
                // Any late pass on either node (a retry, the minutely job) has had its chance to overfill someone.
                await Task.Delay(TimeSpan.FromSeconds(2));
                var rows = await ReadAsync(ids);

                var loads = rows.Where(r => r.AssigneeId is not null).GroupBy(r => r.AssigneeId!).ToDictionary(g => g.Key, g => g.Count());
                Assert.Equal(Agents * Capacity, rows.Count(r => r.AssigneeId is not null));
                Assert.All(agentIds, id => Assert.Equal((id, Capacity), (id, loads.GetValueOrDefault(id))));
                Assert.Equal(Customers - Agents * Capacity, rows.Count(r => r.AssigneeId is null && r.QueuedAt is not null));
                // Each assigned customer was told once that someone has them (position 0), the waiting ones never.
                Assert.All(customers, c => Assert.Equal(
                    (c.ConversationId, rows.Single(r => r.Id == c.ConversationId).AssigneeId is null ? 0 : 1),
                    (c.ConversationId, c.Positions.Count(p => p == 0))));

                // The queue is in arrival order; when an agent closes a conversation, the first in line gets them.
                var queue = await admin.GetAsync<QueueEntry[]>("/api/v1/routing/queue");
                var waiting = rows.Where(r => r.AssigneeId is null).OrderBy(r => r.QueuedAt).ThenBy(r => r.Id).Select(r => r.Id).ToList();
                Assert.Equal(waiting, queue.Where(q => ids.Contains(q.ConversationId)).OrderBy(q => q.Position).Select(q => q.ConversationId));
                var freed = rows.First(r => r.AssigneeId is not null);
                (await admin.PostAsync($"/api/v1/conversations/{freed.Id}/close", null)).EnsureSuccessStatusCode();
                var after = await WaitForAsync(ids, r => r.Single(x => x.Id == waiting[0]).AssigneeId is not null);
                Assert.Equal(freed.AssigneeId, after.Single(r => r.Id == waiting[0]).AssigneeId);
                Assert.All(after.Where(r => waiting.Skip(1).Contains(r.Id)), r => Assert.Null(r.AssigneeId));
            }
            finally
            {
                foreach (var customer in customers)
                    await customer.Hub.DisposeAsync();
            }
        }
        finally
        {
            foreach (var hub in agentHubs)
                await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_minutely_recurring_job_runs_once_a_minute_though_both_nodes_schedule_it()
    {
        // Both nodes' Hangfire servers are alive, each with its own recurring-job scheduler.
        Assert.Equal(["2"], await nodes.QueryAsync("SELECT count(*) FROM hangfire.server"));
        // Every minute that began with both nodes up, up to now: at least one, the first, whose job is created within seconds.
        var firstWholeMinute = Minute(nodes.BothReadyAt).AddMinutes(1);
        var until = firstWholeMinute.AddSeconds(20);
        if (until > DateTime.UtcNow)
            await Task.Delay(until - DateTime.UtcNow);

        var runs = (await nodes.QueryAsync("""
                SELECT j.createdat FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id
                WHERE p.name = 'RecurringJobId' AND p.value = '"assign-queued-conversations"'
                """))
            .Select(r => DateTime.Parse(r!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var minutes = runs.Where(r => r >= firstWholeMinute).GroupBy(Minute).ToDictionary(g => g.Key, g => g.Count());

        Assert.Contains(firstWholeMinute, minutes.Keys);
        Assert.All(minutes, m => Assert.Equal((m.Key, 1), (m.Key, m.Value)));
        Assert.Equal(["0"], await nodes.QueryAsync("""
            SELECT count(*) FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id
            WHERE p.name = 'RecurringJobId' AND p.value = '"assign-queued-conversations"' AND j.statename = 'Failed'
            """));
    }

    private static DateTime Minute(DateTime at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Utc);

    private Task<List<string?>> DuplicatesAsync(string table, string columns) =>
        nodes.QueryAsync($"""SELECT count(*) FROM (SELECT {columns} FROM "{table}" GROUP BY {columns} HAVING count(*) > 1) d""");

    private static async Task<Customer> ConnectCustomerAsync(PortalProcess node)
    {
        var session = await node.StartWidgetSessionAsync();
        var hub = await node.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
        var customer = new Customer(session.ConversationId, hub, new ConcurrentQueue<int>());
        hub.On<JsonElement>("queue", q => customer.Positions.Enqueue(q.GetProperty("position").GetInt32()));
        return customer;
    }

    private async Task<List<Row>> ReadAsync(Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(nodes.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "Id", "AssigneeId", "QueuedAt" FROM "Conversations" WHERE "Id" = ANY(@ids)""", connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2)));
        return rows;
    }

    private async Task<List<Row>> WaitForAsync(Guid[] ids, Func<List<Row>, bool> settled)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var rows = await ReadAsync(ids);
            if (settled(rows))
                return rows;
            Assert.True(DateTime.UtcNow < deadline,
                $"Routing did not settle within 60 s: {rows.Count(r => r.AssigneeId is not null)} assigned, {rows.Count(r => r.QueuedAt is not null)} queued.");
            await Task.Delay(200);
        }
    }

    private sealed record Customer(Guid ConversationId, HubConnection Hub, ConcurrentQueue<int> Positions);

    private sealed record Row(Guid Id, string? AssigneeId, DateTime? QueuedAt);

    private sealed record QueueEntry(Guid ConversationId, Guid? TeamId, int Position, int? EstimatedWaitSeconds);
}

/// <summary>
/// The test classes that run a cluster of two Portal processes (each class its own): one cluster at a time, so a small
/// machine running the rest of the suite beside them is not asked to serve four nodes at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TwoNodeClustersCollection
{
    public const string Name = "Two-node clusters";
}
