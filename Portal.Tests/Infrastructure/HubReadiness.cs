using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// SignalR answers the handshake, and <see cref="HubConnection.StartAsync"/> returns, before the hub's OnConnectedAsync
/// has joined the connection to its groups; the hub runs calls only after that. A first call's answer therefore says
/// the connection hears the events a test causes next. Without it a loaded node (a cold access look-up, a Redis
/// subscribe) had not yet joined the agent's connections to the staff groups when the customer wrote: the message was
/// published to no one there and the test waited 10 s for it.
/// </summary>
public static class HubReadiness
{
    public static async Task JoinedAsync(HubConnection connection, string hubPath)
    {
        if (hubPath == PortalAppFactory.WidgetHubPath)
        {
            await connection.InvokeAsync<ChatMessage[]>("History", long.MaxValue);
            return;
        }
        // The agent hub has no call without an effect; typing "stopped" in no conversation is answered with an error,
        // and the answer is all that is needed.
        var answer = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Typing", Guid.Empty, false));
        Assert.Contains("does not exist", answer.Message);
    }
}
