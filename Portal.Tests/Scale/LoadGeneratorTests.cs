using Portal.LoadGen;
using Xunit.Abstractions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>
/// A short run of tools/Portal.LoadGen against a real app (issue #6: 2,000 connections, 200 messages/s): everything it
/// sends arrives once, in seq order, nothing is lost. The long runs are in docs/benchmarks.md.
/// </summary>
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
            Customers = 2000,
            Chatting = 400,
            MessagesPerSecond = 200,
            Ramp = TimeSpan.FromSeconds(10),
            Hold = TimeSpan.FromSeconds(30),
            Agents = [(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword)],
            SourceAddresses = 2,
        };

        var report = await new LoadRun(options, line => output.WriteLine($"{DateTime.Now:HH:mm:ss.f} {line}")).RunAsync();
        output.WriteLine(report.ToTable());

        Assert.True(report.Clean, report.ToTable());
        Assert.Equal(2000, report.ConnectionsHeldAtEndOfHold);
        // 200 messages/s for the 30 s hold would be 6,000; a busy test machine connects more slowly than the ramp and so
        // shortens the hold, but a real load still has to have been sent.
        Assert.True(report.CustomerMessages >= 2000, report.ToTable());
        Assert.Equal(report.CustomerMessages, report.CustomerToAgent.Count);
        Assert.True(report.AgentReplies > 0, report.ToTable());
        Assert.Equal(report.AgentReplies, report.AgentToCustomer.Count);
    }
}
