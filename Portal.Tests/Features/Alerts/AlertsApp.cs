using System.Net.Http.Json;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Monitoring.Live;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Alerts;

public sealed record AlertRuleRow(Guid Id, string Name, string Metric, string Comparison, double Threshold, int WindowSeconds, bool Enabled, bool SendWebhook);

public sealed record AlertRow(
    Guid Id, Guid RuleId, string RuleName, string Metric, double Threshold, string State, double FiredValue, double LastValue,
    DateTime FiredAt, string? AcknowledgedBy, DateTime? AcknowledgedAt, DateTime? ResolvedAt);

public sealed record AlertPageRow(AlertRow[] Items, int Total, int Page, int PageSize);

/// <summary>
/// An app of its own for the alert tests: samples every second, and the default rules are switched off so only the rules a
/// test creates raise alerts (nobody is online, so new customers wait).
/// </summary>
public sealed class AlertsApp : IAsyncLifetime
{
    public PortalAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:Monitoring:SampleInterval"] = "00:00:01" });
        using var admin = await App.CreateApiClientAsync();
        foreach (var rule in await admin.GetAsync<AlertRuleRow[]>("/api/v1/alerts/rules"))
            (await admin.PutAsJsonAsync($"/api/v1/alerts/rules/{rule.Id}", rule with { Enabled = false }, Json.Options)).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>Customers waiting in the latest sample, so a test's thresholds count only its own customers.</summary>
    public int WaitingNow => App.Services.GetRequiredService<LiveMonitor>().Latest?.ConversationsWaiting ?? 0;

    public static async Task<AlertRuleRow> CreateRuleAsync(HttpClient admin, string name, string metric, string comparison, double threshold,
        int windowSeconds = 0, bool sendWebhook = false) =>
        await (await admin.PostJsonAsync("/api/v1/alerts/rules",
                new { name, metric, comparison, threshold, windowSeconds, enabled = true, sendWebhook }))
            .ReadAsync<AlertRuleRow>();

    /// <summary>The rule's newest alert once it is in <paramref name="state"/>, polling the API; fails after <paramref name="within"/>.</summary>
    public static async Task<AlertRow> WaitForAlertAsync(HttpClient api, Guid ruleId, string state, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var newest = (await api.GetAsync<AlertPageRow>("/api/v1/alerts?pageSize=200")).Items.FirstOrDefault(a => a.RuleId == ruleId);
            if (newest?.State == state)
                return newest;
            Assert.True(clock.Elapsed < within, $"No {state} alert of the rule within {within.TotalSeconds:0} s; newest: {newest}");
            await Task.Delay(200);
        }
    }
}

/// <summary>The API and webhook tests share one <see cref="AlertsApp"/> and run in turn, so one test's alerts never show in another's.</summary>
[CollectionDefinition(Name)]
public sealed class AlertsCollection : ICollectionFixture<AlertsApp>
{
    public const string Name = "Alerts";
}
