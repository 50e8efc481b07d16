using Portal.LoadGen;
using Xunit.Abstractions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>A short run of tools/Portal.LoadGen against a real app: everything it sends arrives once, nothing is lost.</summary>
public sealed class LoadGeneratorTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PortalAppFactory _app = null!;

    public async Task InitializeAsync() => _app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
    {
        // Every simulated visitor comes from the same few loopback addresses.
        ["Portal:Widget:SessionsPerIpPerMinute"] = "100000",
    });

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_short_load_of_customers_and_an_agent_is_delivered_completely_exactly_once_and_in_seq_order()
    {
        var options = new LoadOptions
        {
            Url = _app.BaseAddress,
            Customers = 200,
            Chatting = 40,
            MessagesPerSecond = 20,
            Ramp = TimeSpan.FromSeconds(3),
            Hold = TimeSpan.FromSeconds(10),
            Agents = [(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword)],
            SourceAddresses = 2,
        };

        var report = await new LoadRun(options, line => output.WriteLine($"{DateTime.Now:HH:mm:ss.f} {line}")).RunAsync();
        output.WriteLine(report.ToTable());

        Assert.True(report.Clean, report.ToTable());
        Assert.Equal(200, report.ConnectionsHeldAtEndOfHold);
        Assert.True(report.CustomerMessages >= 100, report.ToTable());
        Assert.Equal(report.CustomerMessages, report.CustomerToAgent.Count);
        Assert.True(report.AgentReplies > 0, report.ToTable());
        Assert.Equal(report.AgentReplies, report.AgentToCustomer.Count);
    }
}
