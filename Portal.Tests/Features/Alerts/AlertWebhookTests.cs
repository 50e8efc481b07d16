using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Alerts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Alerts;

/// <summary>The signed webhook: a receiver gets each firing and resolution and can prove they came from Portal.</summary>
[Collection(AlertsCollection.Name)]
public sealed class AlertWebhookTests(AlertsApp alerts)
{
    private const string Secret = "a-shared-secret-of-the-receiver";

    [Fact]
    public async Task The_webhook_receives_the_firing_and_the_resolution_signed_with_the_shared_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = await alerts.App.CreateApiClientAsync();
        (await admin.PutAsJsonAsync("/api/v1/alerts/webhook", new { url = receiver.Url, secret = Secret }, Json.Options)).EnsureSuccessStatusCode();
        var view = await admin.GetAsync<JsonElement>("/api/v1/alerts/webhook");
        Assert.Equal(receiver.Url, view.GetProperty("url").GetString());
        Assert.True(view.GetProperty("hasSecret").GetBoolean());
        Assert.DoesNotContain(Secret, view.GetRawText());

        // Fewer than a million customers wait: true at once, so the rule fires on the next sample; a threshold of 0 clears it.
        var rule = await AlertsApp.CreateRuleAsync(admin, "Webhook check", "conversationsWaiting", "below", 1_000_000, sendWebhook: true);
        var firing = await AlertsApp.WaitForAlertAsync(admin, rule.Id, "firing", TimeSpan.FromSeconds(10));
        (await admin.PutAsJsonAsync($"/api/v1/alerts/rules/{rule.Id}", rule with { Threshold = 0 }, Json.Options)).EnsureSuccessStatusCode();
        await AlertsApp.WaitForAlertAsync(admin, rule.Id, "resolved", TimeSpan.FromSeconds(10));

        var posts = await PostsOfAsync(receiver, firing.Id, count: 2);
        Assert.Equal(["firing", "resolved"], posts.Select(p => p.Json.GetProperty("state").GetString()));
        foreach (var (post, json) in posts)
        {
            Assert.Equal(Signature(post.Body), post.Signature);
            Assert.InRange(long.Parse(post.Timestamp!), DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.Equal("Webhook check", json.GetProperty("rule").GetString());
            Assert.Equal("conversationsWaiting", json.GetProperty("metric").GetString());
        }
        Assert.Equal(1_000_000, posts[0].Json.GetProperty("threshold").GetDouble());
        Assert.Equal(JsonValueKind.Null, posts[0].Json.GetProperty("resolvedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, posts[1].Json.GetProperty("resolvedAt").ValueKind);

        var test = await (await admin.PostAsync("/api/v1/alerts/webhook/test", null)).ReadAsync<JsonElement>();
        Assert.True(test.GetProperty("delivered").GetBoolean(), test.GetRawText());
        var testPost = receiver.Received.Last();
        Assert.Equal("test", JsonDocument.Parse(testPost.Body).RootElement.GetProperty("state").GetString());
        Assert.Equal(Signature(testPost.Body), testPost.Signature);

        (await admin.PutAsJsonAsync("/api/v1/alerts/webhook", new { url = "" }, Json.Options)).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/alerts/rules/{rule.Id}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_receiver_that_is_briefly_down_gets_the_alert_once_it_answers_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailuresToCome = 2;
        using var admin = await alerts.App.CreateApiClientAsync();
        (await admin.PutAsJsonAsync("/api/v1/alerts/webhook", new { url = receiver.Url, secret = Secret }, Json.Options)).EnsureSuccessStatusCode();

        var rule = await AlertsApp.CreateRuleAsync(admin, "Retry check", "conversationsWaiting", "below", 1_000_000, sendWebhook: true);
        var firing = await AlertsApp.WaitForAlertAsync(admin, rule.Id, "firing", TimeSpan.FromSeconds(10));

        // Two refused attempts and the third delivered: all the same signed post.
        var attempts = await PostsOfAsync(receiver, firing.Id, count: 3);
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("firing", a.Json.GetProperty("state").GetString()));
        Assert.All(attempts, a => Assert.Equal(Signature(a.Post.Body), a.Post.Signature));

        (await admin.PutAsJsonAsync("/api/v1/alerts/webhook", new { url = "" }, Json.Options)).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/v1/alerts/rules/{rule.Id}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_webhook_needs_an_http_address_and_a_secret_of_16_characters()
    {
        using var admin = await alerts.App.CreateApiClientAsync();

        await (await admin.PutAsJsonAsync("/api/v1/alerts/webhook", new { url = "ftp://hooks.example.com", secret = Secret }, Json.Options))
            .AssertValidationErrorAsync("url");
        await (await admin.PutAsJsonAsync("/api/v1/alerts/webhook", new { url = "https://hooks.example.com/portal", secret = "short" }, Json.Options))
            .AssertValidationErrorAsync("secret");
    }

    private static string Signature(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    /// <summary>The receiver's posts about one alert, oldest first, once <paramref name="count"/> have come (the jobs run in the background).</summary>
    private async Task<List<(ReceivedWebhook Post, JsonElement Json)>> PostsOfAsync(WebhookReceiver receiver, Guid alertId, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var posts = receiver.Received.Select(p => (Post: p, Json: JsonDocument.Parse(p.Body).RootElement.Clone()))
                .Where(p => p.Json.GetProperty("alertId").GetGuid() == alertId).ToList();
            if (posts.Count >= count)
                return posts;
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
                Assert.Fail($"{posts.Count} of {count} webhook posts arrived within 20 s. Webhook jobs not done: {WebhookJobsNotDone()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Where the app's webhook jobs that have not succeeded are, and why (a failed attempt waits for its retry).</summary>
    private string WebhookJobsNotDone()
    {
        var monitoring = alerts.App.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        static bool IsWebhook(Hangfire.Common.Job? job) => job?.Type == typeof(SendAlertWebhookJob);
        string LastReason(string jobId) => monitoring.JobDetails(jobId)?.History.FirstOrDefault()?.Reason ?? "no history";
        var jobs = monitoring.ScheduledJobs(0, 50).Where(j => IsWebhook(j.Value.Job)).Select(j => $"scheduled for {j.Value.EnqueueAt:HH:mm:ss} ({LastReason(j.Key)})")
            .Concat(monitoring.FailedJobs(0, 50).Where(j => IsWebhook(j.Value.Job)).Select(j => $"failed: {j.Value.ExceptionMessage}"))
            .Concat(monitoring.ProcessingJobs(0, 50).Where(j => IsWebhook(j.Value.Job)).Select(j => $"processing since {j.Value.StartedAt:HH:mm:ss}"))
            .Concat(monitoring.Queues().SelectMany(q => monitoring.EnqueuedJobs(q.Name, 0, 50)).Where(j => IsWebhook(j.Value.Job)).Select(j => $"enqueued at {j.Value.EnqueuedAt:HH:mm:ss}"))
            .ToList();
        return jobs.Count == 0 ? "none" : string.Join("; ", jobs);
    }
}
