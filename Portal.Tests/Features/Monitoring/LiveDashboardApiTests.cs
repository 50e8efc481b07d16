using System.Net;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary><c>GET /api/v1/monitoring/live</c>, with an app of its own so only this class's customers count.</summary>
public sealed class LiveDashboardApiTests(LiveDashboardApiTests.SampledApp sampled) : IClassFixture<LiveDashboardApiTests.SampledApp>
{
    private readonly PortalAppFactory _app = sampled.App;

    /// <summary>An app that samples every 300 ms; only one test starts a conversation in it, so its counts are exact.</summary>
    public sealed class SampledApp : IAsyncLifetime
    {
        public PortalAppFactory App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:Monitoring:SampleInterval"] = "00:00:00.300",
        });

        public Task DisposeAsync() => App.DisposeAsync();
    }

    [Fact]
    public async Task A_waiting_customer_shows_in_the_latest_figures_and_in_the_samples_of_every_range()
    {
        using var admin = await _app.CreateApiClientAsync();
        var before = await LiveAsync(admin, "15m");
        Assert.Equal(0, before.GetProperty("latest").GetProperty("conversationsWaiting").GetInt32());

        // Nobody is online in this app: the new customer waits in the queue.
        await _app.StartConversationAsync("Is anyone there?");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement live;
        do
        {
            await Task.Delay(200);
            live = await LiveAsync(admin, "15m");
        }
        while (live.GetProperty("latest").GetProperty("conversationsWaiting").GetInt32() != 1 && DateTime.UtcNow < deadline);

        var latest = live.GetProperty("latest");
        Assert.Equal(1, latest.GetProperty("conversationsWaiting").GetInt32());
        Assert.InRange(latest.GetProperty("longestWaitSeconds").GetDouble(), 0.001, 60);
        var samples = live.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(0, samples[0].GetProperty("conversationsWaiting").GetInt32());
        Assert.Equal(1, samples[^1].GetProperty("conversationsWaiting").GetInt32());
        Assert.True(samples.Select(At).SequenceEqual(samples.Select(At).Order()), "The samples are not oldest first.");
        // The app started moments ago: its history does not cover the quarter hour.
        Assert.True(live.GetProperty("historySince").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));

        var day = await LiveAsync(admin, "24h");
        Assert.Contains(day.GetProperty("samples").EnumerateArray(), s => s.GetProperty("conversationsWaiting").GetInt32() == 1);
        Assert.InRange(day.GetProperty("samples").GetArrayLength(), 1, 300);
    }

    [Fact]
    public async Task An_unknown_range_is_refused_with_the_ranges_there_are()
    {
        using var admin = await _app.CreateApiClientAsync();

        var messages = await (await admin.GetAsync("/api/v1/monitoring/live?range=2d")).AssertValidationErrorAsync("range");

        Assert.Contains("15m, 1h, 24h", messages.Single());
    }

    [Theory]
    [InlineData(PortalAppFactory.Agent1Email, HttpStatusCode.Forbidden)]
    [InlineData("trainee@portal.local", HttpStatusCode.Forbidden)]
    [InlineData("supervisor@portal.local", HttpStatusCode.OK)]
    public async Task Only_holders_of_reports_view_see_the_live_figures(string email, HttpStatusCode expected)
    {
        using var client = await _app.CreateApiClientAsync(email);

        Assert.Equal(expected, (await client.GetAsync("/api/v1/monitoring/live?range=1h")).StatusCode);
    }

    private static DateTime At(JsonElement sample) => sample.GetProperty("at").GetDateTime();

    private static async Task<JsonElement> LiveAsync(HttpClient client, string range)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var live = await client.GetAsync<JsonElement>($"/api/v1/monitoring/live?range={range}");
            if (live.GetProperty("latest").ValueKind != JsonValueKind.Null)
                return live;
            Assert.True(DateTime.UtcNow < deadline, "No live sample within 10 s.");
            await Task.Delay(100);
        }
    }
}
