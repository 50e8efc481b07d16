using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>SPEC §6: nothing acknowledged is ever lost — not even when the process is killed with SIGKILL mid-burst.</summary>
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Messages_acknowledged_before_a_kill_9_are_stored_once_in_seq_order_and_resending_after_the_restart_adds_only_the_rest()
    {
        const int burst = 300;
        var clientIds = Enumerable.Range(0, burst).Select(_ => Guid.NewGuid().ToString()).ToList();
        var acknowledged = new ConcurrentDictionary<string, long>();

        await using (var node = await PortalProcess.StartAsync(_dataDirectory))
        {
            var session = await node.StartWidgetSessionAsync();
            await using var widget = await node.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
            // Four senders at once, as several tabs of one customer might; the node dies a third of the way through.
            var senders = clientIds.Chunk(burst / 4).Select(ids => Task.Run(async () =>
            {
                foreach (var id in ids)
                {
                    try
                    {
                        acknowledged[id] = (await widget.InvokeAsync<ChatMessage>("Send", id, $"Burst message {id[..8]}")).Seq;
                    }
                    catch (Exception)
                    {
                        return;
                    }
                }
            })).ToList();
            while (acknowledged.Count < burst / 3)
                await Task.Delay(5);
            await node.KillAsync();
            await Task.WhenAll(senders);

            await using var restarted = await PortalProcess.StartAsync(_dataDirectory);
            await using var again = await restarted.ConnectAsync(PortalAppFactory.WidgetHubPath, session.VisitorToken);
            var afterCrash = await again.InvokeAsync<ChatMessage[]>("History", 0L);

            Assert.InRange(acknowledged.Count, burst / 3, burst - 1);
            AssertOncePerIdInSeqOrder(afterCrash);
            Assert.All(acknowledged, a => Assert.Equal(a.Value, afterCrash.Single(m => m.ClientMessageId == a.Key).Seq));

            // The widget resends everything it has no acknowledgement for — and, to be sure, the rest too: each is stored once.
            foreach (var id in clientIds)
            {
                var stored = await again.InvokeAsync<ChatMessage>("Send", id, $"Burst message {id[..8]}");
                if (acknowledged.TryGetValue(id, out var seq))
                    Assert.Equal(seq, stored.Seq);
            }
            var complete = await again.InvokeAsync<ChatMessage[]>("History", 0L);
            AssertOncePerIdInSeqOrder(complete);
            Assert.Equal(clientIds.Order(), complete.Select(m => m.ClientMessageId!).Order());
        }
    }

    private static void AssertOncePerIdInSeqOrder(ChatMessage[] history)
    {
        Assert.Equal(Enumerable.Range(1, history.Length).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Equal(history.Length, history.Select(m => m.ClientMessageId).Distinct().Count());
    }
}
