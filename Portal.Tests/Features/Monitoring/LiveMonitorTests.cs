using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Monitoring.Live;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>The live samples behind the dashboard and alerts, with an app of its own so only this test's customers count.</summary>
public sealed class LiveMonitorTests : IAsyncLifetime
{
    private PortalAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
    {
        ["Portal:Monitoring:SampleInterval"] = "00:00:00.300",
        ["Portal:Monitoring:SlowFiguresInterval"] = "00:00:01",
    });

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Samples_show_waiting_customers_and_their_wait_then_the_first_response_that_ends_one_wait()
    {
        // The demo shop's own conversations count too: measure from what the app shows before these customers.
        var before = await SampleAsync(_ => true);
        // Nobody is online in this app: every new customer waits in the queue.
        var first = await _app.StartConversationAsync("Is anyone there?");
        await _app.StartConversationAsync("Hello?");

        var waiting = await SampleAsync(s => s.ConversationsWaiting == before.ConversationsWaiting + 2 && s.LongestWaitSeconds > 0
            && s.MessagesPerMinute >= before.MessagesPerMinute + 2);
        Assert.Equal(before.ConversationsWaiting + 2, waiting.ConversationsWaiting);
        Assert.InRange(waiting.LongestWaitSeconds, 0.001, before.LongestWaitSeconds + 60);
        Assert.Equal(before.FirstResponses, waiting.FirstResponses);

        using var admin = await _app.CreateApiClientAsync();
        (await admin.PostJsonAsync($"/api/v1/conversations/{first.Id}/messages", new { text = "Hi, I'm here." })).EnsureSuccessStatusCode();

        var answered = await SampleAsync(s => s.ConversationsWaiting == before.ConversationsWaiting + 1 && s.FirstResponses == before.FirstResponses + 1);
        Assert.Equal(before.ConversationsWaiting + 1, answered.ConversationsWaiting);
        Assert.Equal(before.FirstResponses + 1, answered.FirstResponses);
        Assert.NotNull(answered.FirstResponseP90Seconds);
        Assert.True(answered.MessagesPerMinute >= before.MessagesPerMinute + 3, $"{answered.MessagesPerMinute} messages per minute after three more messages.");
        Assert.True(answered.RequestsPerMinute > 0);
        Assert.Equal(0, answered.ErrorRate);
    }

    /// <summary>The first live sample that matches, waiting up to 10 s for it; the latest one when none does.</summary>
    private async Task<MonitoringSnapshot> SampleAsync(Func<MonitoringSnapshot, bool> match)
    {
        var monitor = _app.Services.GetRequiredService<LiveMonitor>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var latest = monitor.Latest;
            if (latest is not null && (match(latest) || DateTime.UtcNow > deadline))
                return latest;
            Assert.True(DateTime.UtcNow < deadline, "No live sample within 10 s.");
            await Task.Delay(100);
        }
    }
}
