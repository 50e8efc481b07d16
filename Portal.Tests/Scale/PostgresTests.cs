using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>Scale-out mode (SPEC §3): the app on a real PostgreSQL server, its migrations, its data and Hangfire's jobs there.</summary>
public sealed class PostgresTests(PostgresPortal portal) : IClassFixture<PostgresPortal>
{
    [Fact]
    public async Task A_customer_and_an_agent_exchange_messages_in_order_and_a_retried_send_is_stored_once()
    {
        var app = portal.App;
        var session = await app.StartWidgetSessionAsync();
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.Agent1Email));
        var clientMessageId = Guid.NewGuid().ToString();

        var question = await widget.InvokeAsync<ChatMessage>("Send", clientMessageId, "Where is my parcel?");
        var retried = await widget.InvokeAsync<ChatMessage>("Send", clientMessageId, "Where is my parcel?");
        var answer = await agent.InvokeAsync<ChatMessage>("Reply", session.ConversationId, Guid.NewGuid().ToString(), "It left the warehouse today.");
        var thanks = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Thank you!");

        Assert.Equal(question, retried);
        Assert.Equal([1L, 2L, 3L], new[] { question.Seq, answer.Seq, thanks.Seq });
        using var api = await app.CreateApiClientAsync();
        var stored = await api.MessagesAsync(session.ConversationId);
        Assert.Equal(["Where is my parcel?", "It left the warehouse today.", "Thank you!"], stored.Select(m => m.Text));
        Assert.Equal(3L, await portal.ScalarAsync<long>($"SELECT count(*) FROM \"Messages\" WHERE \"ConversationId\" = '{session.ConversationId}'"));
    }

    [Fact]
    public async Task Fifty_concurrent_senders_get_seq_1_to_50_without_the_write_gate()
    {
        const int senders = 50;
        var app = portal.App;
        var session = await app.StartWidgetSessionAsync();
        var sent = await app.SendFromManyTabsAtOnceAsync(session, senders);

        Assert.Equal(Enumerable.Range(1, senders).Select(i => (long)i), sent.Select(m => m.Seq).Order());
        using var api = await app.CreateApiClientAsync();
        var stored = await api.MessagesAsync(session.ConversationId);
        Assert.Equal(sent.OrderBy(m => m.Seq), stored);
    }

    [Fact]
    public async Task Search_ignores_case_as_it_does_on_SQLite()
    {
        var app = portal.App;
        var word = $"Parcel{Guid.NewGuid():N}";
        var started = await app.StartConversationAsync($"Where is my {word}?");
        using var api = await app.CreateApiClientAsync();

        var byLowerCase = await api.ConversationsAsync($"?q={word.ToLowerInvariant()}");
        var byUpperCase = await api.ConversationsAsync($"?q={word.ToUpperInvariant()}");

        Assert.Equal(started.Id, Assert.Single(byLowerCase).Id);
        Assert.Equal(started.Id, Assert.Single(byUpperCase).Id);
    }

    [Fact]
    public async Task Every_list_and_report_the_API_offers_answers_on_PostgreSQL_without_a_server_error()
    {
        var routes = portal.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && e.RoutePattern.Parameters.Count == 0
                && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        using var api = await portal.App.CreateApiClientAsync();

        var failures = new List<string>();
        foreach (var route in routes)
        {
            using var response = await api.GetAsync(route);
            if ((int)response.StatusCode >= 500)
                failures.Add($"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(routes.Count > 20, $"Only {routes.Count} routes were found.");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_schema_comes_from_the_PostgreSQL_migrations_and_the_demo_is_seeded_there()
    {
        var migrations = await portal.ScalarAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_Initial'");
        var demoShops = await portal.ScalarAsync<long>($"SELECT count(*) FROM \"Sites\" WHERE \"SiteKey\" = '{PortalAppFactory.DemoSiteKey}'");

        Assert.Equal(1L, migrations);
        Assert.Equal(1L, demoShops);
    }

    [Fact]
    public async Task Readyz_answers_200_when_PostgreSQL_answers()
    {
        using var client = portal.App.CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_answers_503_when_PostgreSQL_has_gone_away()
    {
        var server = new PostgresServer();
        await server.InitializeAsync();
        PortalAppFactory? app = null;
        try
        {
            app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
            {
                ["Portal:Database:Provider"] = "Postgres",
                ["ConnectionStrings:Portal"] = await server.CreateDatabaseAsync("portal"),
            });
            using var client = app.CreateClient();
            using var before = await client.GetAsync("/readyz");

            await server.StopAsync();
            using var after = await client.GetAsync("/readyz");
            using var alive = await client.GetAsync("/healthz");

            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        finally
        {
            if (app is not null)
                await app.DisposeAsync();
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Hangfire_keeps_the_recurring_jobs_in_PostgreSQL()
    {
        var recurring = await portal.ScalarAsync<long>(
            "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value = 'assign-queued-conversations'");

        Assert.Equal(1L, recurring);
    }
}
