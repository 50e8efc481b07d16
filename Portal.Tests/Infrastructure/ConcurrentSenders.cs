using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Tests.Infrastructure;

public static class ConcurrentSenders
{
    /// <summary>
    /// Opens <paramref name="senders"/> widget connections of one visitor (as many tabs) and has each send one message at
    /// the same moment; returns what each <c>Send</c> answered.
    /// </summary>
    public static async Task<ChatMessage[]> SendFromManyTabsAtOnceAsync(this PortalAppFactory app, WidgetSession session, int senders)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => app.ConnectWidgetAsync(session.VisitorToken)));
        try
        {
            return await Task.WhenAll(connections.Select((connection, i) =>
                connection.InvokeAsync<ChatMessage>("Send", $"concurrent-{i}", $"Message {i}")));
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
