using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Routing;
using Portal.Tests.Features.Shifts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Routing;

/// <summary>Routing with its own app, so exactly the agents this test puts online are available.</summary>
public sealed class RoutingUnderLoadTests : IAsyncLifetime
{
    private const int Agents = 10;
    private const int Capacity = 5;
    private const int Arrivals = 200;
    private PortalAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>());

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Two_hundred_conversations_arriving_at_once_over_ten_agents_are_never_double_assigned_and_the_queue_drains_in_order()
    {
        using var admin = await _app.CreateApiClientAsync();
        var agentIds = new List<string>();
        for (var i = 0; i < Agents; i++)
        {
            var created = await (await admin.PostJsonAsync("/api/v1/team/people", new
            {
                email = $"router{i}@example.com", displayName = $"Router {i}", roles = new[] { "Agent" }, capacity = Capacity, password = "Router-Pa55",
            })).ReadAsync<JsonElement>();
            agentIds.Add(created.GetProperty("personId").GetString()!);
        }
        await admin.PutOnShiftNowAsync(agentIds);
        await SetOnlineAsync(agentIds);
        var assignments = new ConcurrentDictionary<Guid, ConcurrentBag<string>>();
        await using var supervisor = await _app.ConnectAgentAsync(await _app.TokenForAsync(PortalAppFactory.AdminEmail));
        supervisor.On<JsonElement>("conversation", c =>
        {
            if (c.GetProperty("assigneeId").GetString() is { } assignee)
                assignments.GetOrAdd(c.GetProperty("id").GetGuid(), _ => []).Add(assignee);
        });

        var arrived = await Task.WhenAll(Enumerable.Range(0, Arrivals).Select(i => _app.StartConversationAsync($"Customer {i} needs help")));
        var ids = arrived.Select(a => a.Id).ToHashSet();

        var state = await WaitForAsync(ids, s => s.Count(c => c.AssigneeId is not null) == Agents * Capacity && s.Count(c => c.QueuedAt is not null) == Arrivals - Agents * Capacity);
        Assert.All(state.Where(c => c.AssigneeId is not null).GroupBy(c => c.AssigneeId), g => Assert.Equal(Capacity, g.Count()));
        Assert.All(state.Where(c => c.AssigneeId is not null), c => Assert.Contains(c.AssigneeId, agentIds));
        Assert.All(assignments.Where(a => ids.Contains(a.Key)), a => Assert.Single(a.Value.Distinct()));

        // Capacity frees: the oldest waiting conversations are served first.
        var waitingInOrder = state.Where(c => c.QueuedAt is not null).OrderBy(c => c.QueuedAt).ThenBy(c => c.Id).Select(c => c.Id).ToList();
        var freed = state.Where(c => c.AssigneeId == agentIds[0]).Select(c => c.Id).ToList();
        foreach (var id in freed)
            (await admin.PostAsync($"/api/v1/conversations/{id}/close", null)).EnsureSuccessStatusCode();

        var after = await WaitForAsync(ids, s => s.Count(c => c.QueuedAt is not null) == Arrivals - Agents * Capacity - Capacity);
        var nowServed = waitingInOrder.Take(Capacity).ToHashSet();
        Assert.All(after.Where(c => nowServed.Contains(c.Id)), c => Assert.Equal(agentIds[0], c.AssigneeId));
        Assert.All(after.Where(c => waitingInOrder.Skip(Capacity).Contains(c.Id)), c => Assert.Null(c.AssigneeId));
        Assert.True(after.Where(c => c.Status != "closed").GroupBy(c => c.AssigneeId).Where(g => g.Key is not null).All(g => g.Count() <= Capacity));
    }

    [Fact]
    public async Task A_waiting_customer_hears_their_place_in_line_and_a_transfer_leaves_a_private_note()
    {
        using var admin = await _app.CreateApiClientAsync();
        // Nobody online: everyone waits.
        var first = await _app.StartConversationAsync("first in line");
        var second = await _app.StartConversationAsync("second in line");
        // Listening before the connection starts, as the widget does: a customer is told their place once, when it changes
        // or when they connect.
        await using var widget = _app.BuildHubConnection(PortalAppFactory.WidgetHubPath, second.Session.VisitorToken);
        var positions = new ConcurrentQueue<JsonElement>();
        widget.On<JsonElement>("queue", q => positions.Enqueue(q.Clone()));
        await widget.StartAsync();
        await _app.Services.GetRequiredService<RoutingQueue>().DrainNowAsync();

        await WaitUntilAsync(() => positions.Any(q => q.GetProperty("position").GetInt32() == 2));
        // With nobody available there is no wait to promise: the widget says so instead of "about 5 min".
        Assert.All(positions, q => Assert.Equal(JsonValueKind.Null, q.GetProperty("estimatedWaitSeconds").ValueKind));
        var queue = await admin.GetAsync<QueueRow[]>("/api/v1/routing/queue");
        Assert.True(queue.Single(q => q.ConversationId == first.Id).Position < queue.Single(q => q.ConversationId == second.Id).Position);

        var agent2 = await _app.UserIdAsync(PortalAppFactory.Agent2Email);
        using var transfer = await admin.PostJsonAsync($"/api/v1/conversations/{second.Id}/transfer", new { agentId = agent2, note = "VIP, wants a refund" });
        transfer.EnsureSuccessStatusCode();
        var messages = await admin.MessagesAsync(second.Id);
        Assert.Contains(messages, m => m.Private && m.Text.Contains("VIP, wants a refund"));

        using var both = await admin.PostJsonAsync($"/api/v1/conversations/{first.Id}/transfer", new { agentId = agent2, teamId = Guid.NewGuid() });
        await both.AssertValidationErrorAsync("agentId");
    }

    [Fact]
    public async Task A_waiting_customer_is_told_their_place_again_only_when_it_changes_not_whenever_someone_joins_behind_them()
    {
        var first = await _app.StartConversationAsync("first in line");
        await using var widget = _app.BuildHubConnection(PortalAppFactory.WidgetHubPath, first.Session.VisitorToken);
        var told = new ConcurrentQueue<int>();
        widget.On<JsonElement>("queue", q => told.Enqueue(q.GetProperty("position").GetInt32()));
        await widget.StartAsync();
        var routing = _app.Services.GetRequiredService<RoutingQueue>();
        await routing.DrainNowAsync();
        await WaitUntilAsync(() => told.Contains(1));
        var before = told.Count;

        // Three more customers queue up behind; every one of them sets off a routing pass that announces the queue.
        using var admin = await _app.CreateApiClientAsync();
        for (var i = 0; i < 3; i++)
            await _app.StartConversationAsync($"behind {i}");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await admin.GetAsync<QueueRow[]>("/api/v1/routing/queue")).Length < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "The three customers did not join the queue within 15 s.");
            await Task.Delay(100);
        }
        await routing.DrainNowAsync();
        // A call on the same connection: whatever the hub pushed before its answer has arrived by then.
        await widget.InvokeAsync<JsonElement>("History", long.MaxValue);

        Assert.Equal(before, told.Count);
    }

    [Fact]
    public async Task When_an_agent_answers_the_customer_ahead_the_one_behind_hears_they_moved_up()
    {
        var ahead = await _app.StartConversationAsync("ahead in line");
        var behind = await _app.StartConversationAsync("behind in line");
        await using var widget = _app.BuildHubConnection(PortalAppFactory.WidgetHubPath, behind.Session.VisitorToken);
        var told = new ConcurrentQueue<int>();
        widget.On<JsonElement>("queue", q => told.Enqueue(q.GetProperty("position").GetInt32()));
        await widget.StartAsync();
        await _app.Services.GetRequiredService<RoutingQueue>().DrainNowAsync();
        await WaitUntilAsync(() => told.Contains(2));

        // Answering a waiting customer takes their conversation out of the queue (no routing pass asked for here).
        using var agent = await _app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        (await agent.PostJsonAsync($"/api/v1/conversations/{ahead.Id}/messages", new { text = "Hello, I can help." })).EnsureSuccessStatusCode();

        await WaitUntilAsync(() => told.Contains(1));
    }

    [Fact]
    public async Task A_waiting_conversation_goes_to_an_agent_the_moment_they_come_online_and_back_to_the_queue_when_they_go_offline()
    {
        using var admin = await _app.CreateApiClientAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/team/people", new
        {
            email = "latecomer@example.com", displayName = "Latecomer", roles = new[] { "Agent" }, password = "Router-Pa55",
        })).ReadAsync<JsonElement>();
        var agentId = created.GetProperty("personId").GetString()!;
        await admin.PutOnShiftNowAsync([agentId]);
        (await admin.PutJsonAsync("/api/v1/routing/settings", new { autoAssign = true, unassignWhenOffline = true, averageHandleMinutes = 6 }))
            .EnsureSuccessStatusCode();
        var waiting = await _app.StartConversationAsync("anyone there?");
        var ids = new HashSet<Guid> { waiting.Id };
        await WaitForAsync(ids, s => s.Single().QueuedAt is not null);

        await using var agent = await _app.ConnectAgentAsync(await _app.LoginAsync("latecomer@example.com", "Router-Pa55"));
        await agent.InvokeAsync("SetPresence", "online");
        await WaitForAsync(ids, s => s.Single().AssigneeId == agentId);

        await agent.InvokeAsync("SetPresence", "offline");
        var back = await WaitForAsync(ids, s => s.Single().AssigneeId is null);
        Assert.NotNull(back.Single().QueuedAt);
    }

    private sealed record QueueRow(Guid ConversationId, int Position, int? EstimatedWaitSeconds);

    private sealed record Row(Guid Id, string? AssigneeId, DateTime? QueuedAt, string Status);

    private async Task<List<Row>> WaitForAsync(HashSet<Guid> ids, Func<List<Row>, bool> settled)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var rows = (await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id))
                    .Select(c => new { c.Id, c.AssigneeId, c.QueuedAt, c.Status }).ToListAsync())
                .ConvertAll(c => new Row(c.Id, c.AssigneeId, c.QueuedAt, c.Status.ToString().ToLowerInvariant()));
            if (settled(rows))
                return rows;
            Assert.True(DateTime.UtcNow < deadline, "Routing did not settle within 60 s.");
            await Task.Delay(200);
        }
    }

    /// <summary>A shift from an hour ago to five hours from now (UTC) for each agent: routing takes only agents on shift.</summary>
    private async Task SetOnlineAsync(IReadOnlyList<string> userIds)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Users.Where(u => userIds.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.Presence, Presence.Online));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not within 15 s.");
            await Task.Delay(100);
        }
    }
}
