using System.Globalization;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>portal_conversations_waiting, with an app of its own so only this test's customers wait.</summary>
public sealed class ConversationsWaitingMetricTests : IAsyncLifetime
{
    private PortalAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>());

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Customers_waiting_for_an_agent_are_counted_until_an_agent_answers_them()
    {
        // Nobody is online in this app: every new customer waits in the queue.
        var first = await _app.StartConversationAsync("Is anyone there?");
        await _app.StartConversationAsync("Hello?");
        Assert.Equal(2, await WaitingAsync(expected: 2));

        using var admin = await _app.CreateApiClientAsync();
        (await admin.PostJsonAsync($"/api/v1/conversations/{first.Id}/messages", new { text = "Hi, I'm here." })).EnsureSuccessStatusCode();

        Assert.Equal(1, await WaitingAsync(expected: 1));
    }

    /// <summary>The gauge as /metrics shows it, read again for a few seconds until it shows <paramref name="expected"/> (routing runs in the background).</summary>
    private async Task<double> WaitingAsync(double expected)
    {
        using var client = _app.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var line = (await client.GetStringAsync("/metrics")).Split('\n').FirstOrDefault(l => l.StartsWith("portal_conversations_waiting"));
            var value = line is null ? -1 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            if (value == expected || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(250);
        }
    }
}
