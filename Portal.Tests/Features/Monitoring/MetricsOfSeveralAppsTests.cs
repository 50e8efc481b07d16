using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>Apps sharing one process, as the tests run them, keep their own <c>/metrics</c> when another app stops.</summary>
public sealed class MetricsOfSeveralAppsTests
{
    // The exporter answers a scrape from a response it caches for a moment, so a new count shows up a little later.
    private static readonly TimeSpan ScrapeSettles = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_apps_metrics_keep_counting_its_messages_and_requests_after_another_app_in_the_same_process_stops()
    {
        var running = await PortalAppFactory.StartAsync(new Dictionary<string, string?>());
        try
        {
            var stopping = await PortalAppFactory.StartAsync(new Dictionary<string, string?>());
            await stopping.StartConversationAsync();
            await running.StartConversationAsync();
            var before = await MessagesCountedAsync(running, above: 0);

            await stopping.DisposeAsync();
            await running.StartConversationAsync();
            var afterStop = await MessagesCountedAsync(running, above: before);
            await running.StartConversationAsync();
            var later = await MessagesCountedAsync(running, above: afterStop);

            Assert.True(afterStop > before, $"portal_messages_total stayed at {before} after the other app stopped.");
            Assert.True(later > afterStop, $"portal_messages_total stayed at {afterStop} on the next message.");
            using var client = running.CreateClient();
            Assert.Contains("http_server_request_duration_seconds_count", await client.GetStringAsync("/metrics"));
        }
        finally
        {
            await running.DisposeAsync();
        }
    }

    /// <summary>The sum of all <c>portal_messages_total</c> series once it is above a count, or as it is when time is up.</summary>
    private static async Task<double> MessagesCountedAsync(PortalAppFactory app, double above)
    {
        using var client = app.CreateClient();
        var deadline = DateTime.UtcNow + ScrapeSettles;
        while (true)
        {
            var text = await client.GetStringAsync("/metrics");
            var samples = Regex.Matches(text, @"^portal_messages_total(?:\{[^}]*\})? (\S+)", RegexOptions.Multiline);
            Assert.True(samples.Count > 0, $"/metrics has no portal_messages_total:\n{text}");
            var counted = samples.Sum(s => double.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture));
            if (counted > above || DateTime.UtcNow > deadline)
                return counted;
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
