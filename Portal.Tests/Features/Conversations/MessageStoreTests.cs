using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Conversations;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Conversations;

/// <summary>
/// On SQLite, messages that arrive together are stored together (one transaction per batch): each sender still hears only
/// its own outcome, and one message that cannot be stored costs the others nothing.
/// </summary>
[Collection(HubsCollection.Name)]
public sealed class MessageStoreTests(PortalAppFactory app)
{
    [Fact]
    public async Task A_message_to_a_missing_conversation_fails_alone_among_messages_stored_at_the_same_moment()
    {
        var session = await app.StartWidgetSessionAsync();
        var messages = app.Services.GetRequiredService<ConversationMessages>();
        NewMessage To(Guid conversationId, int i) =>
            new(conversationId, MessageAuthor.Customer, null, "Customer", $"Message {i}", $"together-{i}");

        var good = Enumerable.Range(1, 40).Select(i => messages.AppendAsync(To(session.ConversationId, i))).ToList();
        var missing = messages.AppendAsync(To(Guid.NewGuid(), 0));
        good.AddRange(Enumerable.Range(41, 40).Select(i => messages.AppendAsync(To(session.ConversationId, i))));

        await Assert.ThrowsAsync<ConversationNotFoundException>(() => missing);
        var stored = await Task.WhenAll(good);
        Assert.All(stored, result => Assert.True(result.Created));
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), stored.Select(r => r.Message.Seq).Order());
        using var api = await app.CreateApiClientAsync();
        Assert.Equal(80, (await api.MessagesAsync(session.ConversationId)).Count());
    }

    [Fact]
    public async Task The_same_message_sent_twice_in_one_batch_is_stored_once_and_both_senders_get_it()
    {
        var session = await app.StartWidgetSessionAsync();
        var messages = app.Services.GetRequiredService<ConversationMessages>();
        var send = new NewMessage(session.ConversationId, MessageAuthor.Customer, null, "Customer", "Where is my parcel?", "twice");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => messages.AppendAsync(send)));

        Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(results[0].Message, r.Message));
        using var api = await app.CreateApiClientAsync();
        Assert.Single(await api.MessagesAsync(session.ConversationId));
    }
}
