using System.Net.Http.Json;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Alerts;

/// <summary>Alert rules, alerts and their history through the REST API (issue #5 part 5).</summary>
[Collection(AlertsCollection.Name)]
public sealed class AlertsApiTests(AlertsApp alerts)
{
    private PortalAppFactory App => alerts.App;

    [Fact]
    public async Task An_alert_rule_fires_within_10_s_of_its_condition_and_resolves_after_it_clears()
    {
        using var admin = await App.CreateApiClientAsync();
        var rule = await AlertsApp.CreateRuleAsync(admin, "More than one waiting", "conversationsWaiting", "above", alerts.WaitingNow + 1);

        var first = await App.StartConversationAsync("Is anyone there?");
        var second = await App.StartConversationAsync("Hello?");
        var sinceCondition = Stopwatch.StartNew();
        var firing = await AlertsApp.WaitForAlertAsync(admin, rule.Id, "firing", TimeSpan.FromSeconds(10));

        Assert.True(sinceCondition.Elapsed < TimeSpan.FromSeconds(10), $"The alert fired {sinceCondition.Elapsed.TotalSeconds:0.0} s after the condition began.");
        Assert.Equal(rule.Threshold + 1, firing.FiredValue);
        Assert.Equal("More than one waiting", firing.RuleName);

        foreach (var conversation in new[] { first.Id, second.Id })
            (await admin.PostMessageAsync(conversation, "Hi, I'm here.")).EnsureSuccessStatusCode();
        var resolved = await AlertsApp.WaitForAlertAsync(admin, rule.Id, "resolved", TimeSpan.FromSeconds(10));

        Assert.Equal(firing.Id, resolved.Id);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.True(resolved.ResolvedAt > resolved.FiredAt);
        var history = await admin.GetAsync<AlertPageRow>("/api/v1/alerts?state=resolved");
        Assert.Contains(history.Items, a => a.Id == firing.Id);
        Assert.DoesNotContain((await admin.GetAsync<AlertPageRow>("/api/v1/alerts?state=firing")).Items, a => a.Id == firing.Id);
        (await admin.DeleteAsync($"/api/v1/alerts/rules/{rule.Id}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_acknowledged_alert_names_who_acknowledged_it_and_still_resolves_when_its_condition_clears()
    {
        using var admin = await App.CreateApiClientAsync();
        using var supervisor = await App.CreateApiClientAsync("supervisor@portal.local");
        var rule = await AlertsApp.CreateRuleAsync(admin, "Someone waiting", "conversationsWaiting", "above", alerts.WaitingNow);
        var customer = await App.StartConversationAsync("Can someone help me?");
        var firing = await AlertsApp.WaitForAlertAsync(supervisor, rule.Id, "firing", TimeSpan.FromSeconds(10));

        var acknowledged = await (await supervisor.PostAsync($"/api/v1/alerts/{firing.Id}/acknowledge", null)).ReadAsync<AlertRow>();
        Assert.Equal("acknowledged", acknowledged.State);
        Assert.Equal("周敏 Zhou Min", acknowledged.AcknowledgedBy);
        await (await supervisor.PostAsync($"/api/v1/alerts/{firing.Id}/acknowledge", null)).AssertValidationErrorAsync("state");
        await (await supervisor.PostAsync($"/api/v1/alerts/{Guid.NewGuid()}/acknowledge", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var audit = await admin.GetAsync<JsonElement>("/api/v1/audit?action=alerts.acknowledged");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == $"alert:{firing.Id}");

        (await admin.PostMessageAsync(customer.Id, "I'm here.")).EnsureSuccessStatusCode();
        var resolved = await AlertsApp.WaitForAlertAsync(admin, rule.Id, "resolved", TimeSpan.FromSeconds(10));
        Assert.Equal(firing.Id, resolved.Id);
        Assert.Equal("周敏 Zhou Min", resolved.AcknowledgedBy);
        (await admin.DeleteAsync($"/api/v1/alerts/rules/{rule.Id}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_rule_needs_a_name_a_threshold_of_0_or_more_and_a_window_of_at_most_an_hour()
    {
        using var admin = await App.CreateApiClientAsync();

        using var refused = await admin.PostJsonAsync("/api/v1/alerts/rules",
            new { name = " ", metric = "errorRate", comparison = "above", threshold = -1, windowSeconds = 3601, enabled = true, sendWebhook = false });
        await refused.AssertValidationErrorAsync("name");
        await refused.AssertValidationErrorAsync("threshold");
        await refused.AssertValidationErrorAsync("windowSeconds");
        await (await admin.GetAsync("/api/v1/alerts?state=burning")).AssertValidationErrorAsync("state");
        using var window = await admin.PostJsonAsync("/api/v1/alerts/rules",
            new { name = "Too long", metric = "errorRate", comparison = "above", threshold = 5, windowSeconds = 3601, enabled = true, sendWebhook = false });
        await window.AssertValidationErrorAsync("windowSeconds");
        using var missing = await admin.PutAsJsonAsync($"/api/v1/alerts/rules/{Guid.NewGuid()}",
            new { name = "Nobody", metric = "errorRate", comparison = "above", threshold = 5, windowSeconds = 60, enabled = true, sendWebhook = false }, Json.Options);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await admin.GetAsync<AlertRuleRow[]>("/api/v1/alerts/rules"), r => r.Name == "Too long");
    }

    [Fact]
    public async Task Rule_changes_are_audit_logged_and_the_default_rules_are_there_from_the_first_start()
    {
        using var admin = await App.CreateApiClientAsync();
        var rules = await admin.GetAsync<AlertRuleRow[]>("/api/v1/alerts/rules");
        Assert.Contains(rules, r => r is { Metric: "conversationsWaiting", Comparison: "above", Threshold: 10 });
        Assert.Contains(rules, r => r is { Metric: "firstResponseP90Seconds", Threshold: 120 });
        Assert.Contains(rules, r => r is { Metric: "longestWaitSeconds", Threshold: 300 });
        Assert.Contains(rules, r => r is { Metric: "errorRate", Threshold: 5, WindowSeconds: 60 });
        Assert.Contains(rules, r => r is { Metric: "connectionDrop", Threshold: 50, WindowSeconds: 120 });

        var rule = await AlertsApp.CreateRuleAsync(admin, "Busy", "messagesPerMinute", "above", 500, windowSeconds: 120);
        (await admin.PutAsJsonAsync($"/api/v1/alerts/rules/{rule.Id}", rule with { Threshold = 800 }, Json.Options)).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/alerts/rules/{rule.Id}")).EnsureSuccessStatusCode();

        var audit = await admin.GetAsync<JsonElement>($"/api/v1/audit?q={rule.Id}");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["alerts.rule.deleted", "alerts.rule.changed", "alerts.rule.created"], actions);
    }

    [Fact]
    public async Task Supervisors_see_and_acknowledge_alerts_but_only_settings_managers_change_rules_and_agents_see_none()
    {
        using var supervisor = await App.CreateApiClientAsync("supervisor@portal.local");
        using var agent = await App.CreateApiClientAsync(PortalAppFactory.Agent1Email);

        (await supervisor.GetAsync("/api/v1/alerts")).EnsureSuccessStatusCode();
        (await supervisor.GetAsync("/api/v1/alerts/rules")).EnsureSuccessStatusCode();
        using var create = await supervisor.PostJsonAsync("/api/v1/alerts/rules",
            new { name = "Mine", metric = "errorRate", comparison = "above", threshold = 1, windowSeconds = 0, enabled = true, sendWebhook = false });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/v1/alerts/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/alerts")).StatusCode);
    }
}
