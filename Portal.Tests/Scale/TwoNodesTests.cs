using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Portal.Tests.Features.Alerts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>Two Portal processes on one PostgreSQL database and a real Redis, shared by the tests of <see cref="TwoNodesTests"/>.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly string _dataDirectoryA = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly string _dataDirectoryB = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly PostgresServer _postgres = new();

    public RedisServer Redis { get; private set; } = null!;
    public PortalProcess A { get; private set; } = null!;
    public PortalProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = await _postgres.CreateDatabaseAsync("portal"),
            ["Portal:Redis"] = Redis.Configuration,
            // What the backplane subscribes to, publishes and hears: in the last log lines a failure prints.
            ["Logging:LogLevel:Microsoft.AspNetCore.SignalR.StackExchangeRedis"] = "Trace",
        };
        // One after the other: the first migrates and seeds, the second finds it done. Each node has its own data
        // directory, as on separate machines: all they share is PostgreSQL and Redis.
        A = await PortalProcess.StartAsync(_dataDirectoryA, settings);
        B = await PortalProcess.StartAsync(_dataDirectoryB, settings);
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
        await _postgres.DisposeAsync();
        Directory.Delete(_dataDirectoryA, recursive: true);
        Directory.Delete(_dataDirectoryB, recursive: true);
    }
}

/// <summary>
/// Scale-out (SPEC §3): two Portal processes sharing one PostgreSQL database and a real Redis. A hub message stored on one node
/// reaches connections on the other, and a sign-in made on one node is good on the other (shared Data Protection keys).
/// </summary>
[Collection(TwoNodeClustersCollection.Name)]
public sealed class TwoNodesTests(TwoNodes nodes, ChromiumBrowser chromium) : IClassFixture<TwoNodes>, IClassFixture<ChromiumBrowser>
{
    private PortalProcess NodeA => nodes.A;
    private PortalProcess NodeB => nodes.B;
    private RedisServer Redis => nodes.Redis;

    /// <summary>
    /// For a failure's message: what Redis carried during the test, how promptly this process ran its own work and both
    /// nodes' last log lines.
    /// </summary>
    private async Task<string> WhatHappenedAsync(RedisChannelWatch redisWatch) =>
        await redisWatch.DescribeAsync() + TestProcessThreadPool.Describe(TimeSpan.FromSeconds(30)) +
        $"\nnode A said:\n{NodeA.RecentOutput}\nnode B said:\n{NodeB.RecentOutput}";

    [Fact]
    public async Task A_customer_on_one_node_and_an_agent_on_the_other_exchange_messages_both_ways()
    {
        await using var redisWatch = await RedisChannelWatch.StartAsync(Redis);
        var session = await NodeA.StartWidgetSessionAsync();
        await using var widget = await NodeA.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
        var toCustomer = new HubEventLog<ChatMessage>(widget, "message");
        // Signed in on node B, the agent's token works on node A too: both nodes read the Data Protection keys from Redis.
        var agentToken = await NodeB.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        await using var agent = await NodeB.ConnectAsync(PortalAppFactory.AgentHubPath, agentToken);
        await using var sameAgentOnA = await NodeA.ConnectAsync(PortalAppFactory.AgentHubPath, agentToken);
        var toAgent = new HubEventLog<ChatMessage>(agent, "message");
        var toAgentOnA = new HubEventLog<ChatMessage>(sameAgentOnA, "message");

        var question = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Hello from node A, is my parcel on its way?");
        ChatMessage heard;
        try
        {
            heard = await toAgent.WaitForAsync(m => m.Id == question.Id);
        }
        catch (Exception failure) when (failure is Xunit.Sdk.XunitException)
        {
            // A CI run saw nothing arrive on node B: tell whether it left node A at all, and what the nodes said.
            throw new Xunit.Sdk.XunitException($"{failure.Message}\nThe same agent on node A heard it: " +
                $"{toAgentOnA.Received.Any(m => m.Id == question.Id)}; agent connections: B {agent.State}, A {sameAgentOnA.State}" +
                await WhatHappenedAsync(redisWatch));
        }
        var answer = await agent.InvokeAsync<ChatMessage>("Reply", session.ConversationId, Guid.NewGuid().ToString(), "Hello from node B: it left today.");
        var read = await toCustomer.WaitForAsync(m => m.Id == answer.Id);

        Assert.Equal((question.Seq, "customer"), (heard.Seq, heard.Author));
        Assert.Equal((question.Seq + 1, "agent"), (read.Seq, read.Author));
        Assert.Equal(HubConnectionState.Connected, sameAgentOnA.State);
    }

    [Fact]
    public async Task An_agent_console_on_one_node_shows_at_once_what_a_customer_writes_on_the_other()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var console = await context.OpenConsoleAsync(NodeB.BaseAddress, PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        var question = $"Written on node A, read on node B #{Guid.NewGuid().ToString("N")[..6]}";

        var session = await NodeA.StartWidgetSessionAsync();
        await using var widget = await NodeA.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
        await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), question);

        // No reload: the console on node B hears node A's event through Redis.
        await Assertions.Expect(console.Locator(".console-item", new() { HasText = question[..30] })).ToBeVisibleAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task An_alert_fires_once_for_both_nodes_and_shows_on_the_other_nodes_console()
    {
        await using var redisWatch = await RedisChannelWatch.StartAsync(Redis);
        using var adminOnA = NodeA.CreateApiClient(await NodeA.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword));
        using var adminOnB = NodeB.CreateApiClient(await NodeB.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword));
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var consoleOnB = await context.OpenConsoleAsync(NodeB.BaseAddress, PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        // Counted from samples taken now on both nodes (whichever evaluates the rules), not from one taken before the previous test's changes.
        var now = DateTime.UtcNow;
        var waiting = (await Task.WhenAll(SampleAfterAsync(adminOnA, now), SampleAfterAsync(adminOnB, now))).Max(s => s.Waiting);
        var name = $"Two-node queue watch {Guid.NewGuid():N}"[..32];
        var rule = await AlertsApp.CreateRuleAsync(adminOnA, name, "conversationsWaiting", "above", waiting + 1);

        // Nobody is online: both customers wait, and both nodes' samples see the shared queue grow.
        foreach (var text in new[] { "Anyone there?", "Hello?" })
        {
            var session = await NodeA.StartWidgetSessionAsync();
            await using var widget = await NodeA.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
            await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), text);
        }
        try
        {
            await AlertsApp.WaitForAlertAsync(adminOnB, rule.Id, "firing", TimeSpan.FromSeconds(15));
        }
        catch (Exception failure) when (failure is Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{failure.Message}\nthreshold {waiting + 1}; node A's latest sample {await LatestSampleAsync(adminOnA)}, " +
                $"node B's {await LatestSampleAsync(adminOnB)}" + await WhatHappenedAsync(redisWatch));
        }
        await Assertions.Expect(consoleOnB.GetByText($"Alert: {name}")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // Two more samples on each node: still one alert, not one per node.
        await Task.Delay(TimeSpan.FromSeconds(11));

        var alerts = (await adminOnB.GetAsync<AlertPageRow>("/api/v1/alerts?pageSize=200")).Items.Where(a => a.RuleId == rule.Id).ToList();
        Assert.Single(alerts);
        (await adminOnA.DeleteAsync($"/api/v1/alerts/rules/{rule.Id}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task After_a_redis_outage_every_client_is_told_to_catch_up_and_delivery_between_the_nodes_resumes_within_10_s()
    {
        await using var redisWatch = await RedisChannelWatch.StartAsync(Redis);
        var session = await NodeA.StartWidgetSessionAsync();
        await using var widget = await NodeA.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
        await using var agent = await NodeB.ConnectAsync(PortalAppFactory.AgentHubPath,
            await NodeB.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword));
        var toAgent = new HubEventLog<ChatMessage>(agent, "message");
        var agentResync = new TaskCompletionSource();
        var widgetResync = new TaskCompletionSource();
        agent.On("resync", () => agentResync.TrySetResult());
        widget.On("resync", () => widgetResync.TrySetResult());
        var before = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Before the outage");
        await toAgent.WaitForAsync(m => m.Id == before.Id);

        await Redis.StopAsync();
        // Stored and acknowledged on node A, but nothing carries it to node B now.
        var during = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "During the outage");
        await Redis.RestartAsync();
        var restarted = System.Diagnostics.Stopwatch.StartNew();

        // The customer keeps writing, as customers do; the first of these messages the agent hears ends the outage.
        var sentAfter = new HashSet<Guid>();
        var sends = new List<string>();
        bool Heard() => toAgent.Received.Any(m => sentAfter.Contains(m.Id));
        while (!Heard() && restarted.Elapsed < TimeSpan.FromSeconds(10))
        {
            var sendStarted = restarted.Elapsed;
            sentAfter.Add((await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), $"After the outage, {restarted.Elapsed.TotalSeconds:0.0} s")).Id);
            sends.Add($"{sendStarted.TotalSeconds:0.0} s (acknowledged in {(restarted.Elapsed - sendStarted).TotalMilliseconds:0} ms)");
            await Task.Delay(500);
        }

        Assert.True(Heard(), $"No message crossed from node A to node B within 10 s of Redis coming back. Sent at {string.Join(", ", sends)} after " +
            "the restart." + await WhatHappenedAsync(redisWatch));
        // Both sides are told to fetch what they missed (the widget asks History(afterSeq), the console reloads).
        await Task.WhenAll(agentResync.Task, widgetResync.Task).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(toAgent.Received, m => m.Id == during.Id);
    }

    [Fact]
    public async Task A_customer_who_starts_waiting_during_a_redis_outage_is_counted_on_the_other_node_once_it_is_back()
    {
        using var adminOnA = NodeA.CreateApiClient(await NodeA.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword));
        using var adminOnB = NodeB.CreateApiClient(await NodeB.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword));
        var session = await NodeA.StartWidgetSessionAsync();
        await using var widget = await NodeA.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
        var waitingBefore = (await SampleAfterAsync(adminOnA, DateTime.UtcNow)).Waiting;
        await Redis.StopAsync();
        // Nobody is online: the customer waits, and node B hears nothing of it while Redis is down.
        await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Is anybody there? (Redis is down)");
        await Redis.RestartAsync();

        // Node B reads the queue again when Redis is back, so its live figures (and the alerts it may evaluate) agree with A's.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        LiveSample[] both;
        do
        {
            var now = DateTime.UtcNow;
            both = await Task.WhenAll(SampleAfterAsync(adminOnA, now), SampleAfterAsync(adminOnB, now));
        }
        while (both.Any(s => s.Waiting != waitingBefore + 1) && DateTime.UtcNow < deadline);
        Assert.Equal((waitingBefore + 1, waitingBefore + 1), (both[0].Waiting, both[1].Waiting));
    }

    private sealed record LiveSample(DateTime At, int Waiting);

    private static async Task<LiveSample?> LatestSampleAsync(HttpClient api) =>
        (await api.GetAsync<JsonElement>("/api/v1/monitoring/live")).GetProperty("latest") is { ValueKind: JsonValueKind.Object } latest
            ? new LiveSample(latest.GetProperty("at").GetDateTime(), latest.GetProperty("conversationsWaiting").GetInt32())
            : null;

    /// <summary>The node's first live sample taken at or after <paramref name="from"/> (a sample every 5 s); fails after 15 s.</summary>
    private static async Task<LiveSample> SampleAfterAsync(HttpClient api, DateTime from)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await LatestSampleAsync(api) is { } sample && sample.At >= from)
                return sample;
            Assert.True(DateTime.UtcNow < deadline, $"No live sample since {from:HH:mm:ss.fff} within 15 s");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task While_redis_is_down_a_node_is_not_ready_and_its_console_says_so_until_it_is_back()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var console = await context.OpenConsoleAsync(NodeA.BaseAddress, PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        var banner = console.GetByTestId("scale-out-degraded");
        using var http = new HttpClient { BaseAddress = NodeA.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        await Assertions.Expect(banner).ToBeHiddenAsync();

        await Redis.StopAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadinessOnceItIsNotAsync(http, HttpStatusCode.OK));
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(banner).ToContainTextAsync("Nothing is lost");

        await Redis.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, await ReadinessOnceItIsNotAsync(http, HttpStatusCode.ServiceUnavailable));
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }

    /// <summary>/readyz's status once it is no longer <paramref name="status"/>, or after 15 s.</summary>
    private static async Task<HttpStatusCode> ReadinessOnceItIsNotAsync(HttpClient http, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode now;
        while ((now = (await http.GetAsync("/readyz")).StatusCode) == status && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        return now;
    }
}
