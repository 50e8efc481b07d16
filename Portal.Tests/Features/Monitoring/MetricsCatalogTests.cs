using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Features.Bot.Dialogue;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>
/// /metrics carries every name of SPEC §4.7 and the framework instrumentation issue #5 asks for; a real Prometheus
/// scrapes it with the shipped configuration, and the shipped Grafana dashboard and alert rules query only what Portal exports.
/// </summary>
[Collection(BotCollection.Name)]
public sealed partial class MetricsCatalogTests(BotPortalApp bot)
{
    private PortalAppFactory App => bot.App;

    [Fact]
    public async Task A_bot_answered_and_handed_over_conversation_leaves_every_spec_metric_and_the_framework_metrics_at_metrics()
    {
        var page = await ChatThenScrapeAsync();

        string[] spec =
        [
            "portal_connections_active", "portal_messages_total", "portal_message_delivery_seconds_bucket",
            "portal_conversations_waiting", "portal_first_response_seconds_bucket", "portal_bot_reply_seconds_bucket",
            "portal_bot_fallback_total",
        ];
        string[] framework =
        [
            "http_server_request_duration_seconds_count", "kestrel_active_connections", "signalr_server_active_connections",
            "microsoft_entityframeworkcore_queries_total", "microsoft_entityframeworkcore_savechanges_total",
            "dotnet_gc_collections_total", "dotnet_process_memory_working_set_bytes",
        ];
        Assert.All(spec.Concat(framework), name => Assert.True(page.Has(name), $"/metrics has no {name}."));
        Assert.Equal("histogram", page.FamilyTypes["portal_first_response_seconds"]);
        Assert.True(page.Sum("portal_bot_reply_seconds_count", ("engine", "embedded")) >= 2);
        // Every fallback reason is exported from the start, so the first fallback shows as an increase.
        Assert.Equal(["circuit_open", "http_error", "invalid_response", "timeout"],
            page.Samples.Where(s => s.Name == "portal_bot_fallback_total").Select(s => s.Labels["reason"]).Order());
    }

    [Fact]
    public async Task A_real_prometheus_with_the_shipped_scrape_configuration_answers_queries_for_portal_messages_total()
    {
        await ChatThenScrapeAsync();
        await using var prometheus = await StartShippedPrometheusAsync();

        var answer = await prometheus.QueryUntilFoundAsync("portal_messages_total");

        Assert.Equal("success", answer.GetProperty("status").GetString());
        var series = answer.GetProperty("data").GetProperty("result").EnumerateArray().ToList();
        Assert.True(series.Count > 0, $"Prometheus has no portal_messages_total; its targets: {await prometheus.TargetsAsync()}");
        Assert.All(series, s => Assert.Equal("portal", s.GetProperty("metric").GetProperty("job").GetString()));
        Assert.Contains(series, s => s.GetProperty("metric").GetProperty("author").GetString() == "bot");
        Assert.True(series.Sum(s => double.Parse(s.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)) >= 3);
    }

    [Fact]
    public async Task Every_query_of_the_shipped_grafana_dashboard_and_alert_rules_is_valid_promql_over_metrics_portal_exports()
    {
        var page = await ChatThenScrapeAsync();
        await using var prometheus = await StartShippedPrometheusAsync();
        var rules = (await prometheus.RulesAsync()).GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
        var queries = GrafanaQueries().Concat(rules.Select(r => r.GetProperty("query").GetString()!)).ToList();
        Assert.True(rules.Count >= 5, $"Prometheus loaded {rules.Count} of the shipped alert rules.");
        Assert.True(queries.Count >= 15, $"The dashboard and rules have only {queries.Count} queries.");

        foreach (var query in queries)
        {
            var answer = await prometheus.QueryAsync(query);
            Assert.True(answer.GetProperty("status").GetString() == "success", $"Prometheus refused `{query}`: {answer}");
            foreach (var name in MetricName().Matches(query).Select(m => m.Value).Distinct())
            {
                // HttpClient's metrics appear with the first outgoing call (an LLM or a webhook), which this app never makes.
                if (name.StartsWith("http_client_"))
                    continue;
                Assert.True(page.Has(name), $"{name} is queried but /metrics does not carry it: `{query}`");
            }
        }
    }

    /// <summary>A customer the bot answers and hands over, an agent who answers; then /metrics once all of it shows.</summary>
    private async Task<PrometheusText> ChatThenScrapeAsync()
    {
        await using var customer = await BotCustomer.StartAsync(App);
        await customer.AskAsync("where is my order 1002?");
        await customer.AskAsync("I want to speak to a human");
        await using var agent = await App.ConnectAgentAsync(await App.TokenForAsync(PortalAppFactory.AdminEmail));
        await agent.InvokeAsync<ChatMessage>("Reply", customer.ConversationId, Guid.NewGuid().ToString(), "Hi, I'm here now.");
        return await MetricsPage.WaitForAsync(App, p => p.Has("portal_first_response_seconds_count") && p.Has("signalr_server_active_connections"));
    }

    /// <summary>Prometheus with deploy/prometheus.yml (and its rule file) pointed at this app, scraping every second instead of every five.</summary>
    private Task<PrometheusServer> StartShippedPrometheusAsync()
    {
        var shipped = File.ReadAllText(DeployFile("prometheus.yml"));
        Assert.Contains("localhost:5080", shipped);
        var configuration = shipped.Replace("localhost:5080", App.BaseAddress.Authority).Replace("scrape_interval: 5s", "scrape_interval: 1s");
        return PrometheusServer.StartAsync(configuration, new Dictionary<string, string> { ["alerts.yml"] = File.ReadAllText(DeployFile("alerts.yml")) });
    }

    private static string DeployFile(params string[] path) => Path.Combine([PortalAppFactory.RepositoryRoot, "deploy", .. path]);

    private static IEnumerable<string> GrafanaQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DeployFile("grafana", "portal-dashboard.json")));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
                yield return target.GetProperty("expr").GetString()!;
    }

    /// <summary>A metric name in a query; a label matcher (<c>http_response_status_code=~"5.."</c>) is not one.</summary>
    [GeneratedRegex(@"\b(portal|http|dotnet|microsoft|signalr|kestrel|aspnetcore)_[a-z0-9_]+\b(?!\s*[=!])")]
    private static partial Regex MetricName();
}
