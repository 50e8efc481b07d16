using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Bot.Replies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Dialogue;

/// <summary>A new demo-shop visitor on the widget hub who waits for the answer to each message.</summary>
public sealed class BotCustomer(PortalAppFactory app, WidgetSession session, HubConnection connection) : IAsyncDisposable
{
    public HubEventLog<ChatMessage> Messages { get; } = new(connection, "message");

    public Guid ConversationId => session.ConversationId;

    public static async Task<BotCustomer> StartAsync(PortalAppFactory app)
    {
        var session = await app.StartWidgetSessionAsync();
        return new BotCustomer(app, session, await app.ConnectWidgetAsync(session.VisitorToken));
    }

    /// <summary>Sends and returns the first message someone else writes after it.</summary>
    public async Task<ChatMessage> AskAsync(string text, TimeSpan? timeout = null)
    {
        var sent = await SendAsync(text);
        return await Messages.WaitForAsync(m => m.Author != "customer" && m.Seq > sent.Seq, timeout);
    }

    /// <summary>Sends and waits until the bot has done whatever it does with it; returns what the conversation holds then.</summary>
    public async Task<ChatMessage[]> SendAndSettleAsync(string text)
    {
        await SendAsync(text);
        await app.Services.GetRequiredService<BotResponder>().IdleAsync();
        return await connection.InvokeAsync<ChatMessage[]>("History", 0L);
    }

    public Task<ChatMessage> SendAsync(string text) => connection.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), text);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
