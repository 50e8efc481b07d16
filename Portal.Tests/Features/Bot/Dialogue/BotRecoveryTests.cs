using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Bot.Training;
using Portal.Features.Conversations;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Dialogue;

/// <summary>The bot across restarts, with an app of its own (restarting the shared one would disturb the other bot tests).</summary>
public sealed class BotRecoveryTests : IAsyncLifetime
{
    private readonly BotPortalApp _fixture = new();

    private PortalAppFactory App => _fixture.App;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_question_stored_just_before_the_app_went_down_is_answered_when_it_comes_back()
    {
        var session = await App.StartWidgetSessionAsync();
        // The message is stored, but the app stops before the bot gets to it (written behind the bot's back here).
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == session.ConversationId);
            Assert.True(conversation.BotActive);
            conversation.LastSeq++;
            db.Messages.Add(new Message
            {
                ConversationId = conversation.Id, Seq = conversation.LastSeq, Author = MessageAuthor.Customer, AuthorId = conversation.ContactId.ToString(),
                AuthorName = "Visitor", Text = "where is my order 1002?", ClientMessageId = Guid.NewGuid().ToString(),
            });
            await db.SaveChangesAsync();
        }

        await App.RestartAsync();

        await using var widget = await App.ConnectWidgetAsync(session.VisitorToken);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        ChatMessage[] history;
        do
        {
            history = await widget.InvokeAsync<ChatMessage[]>("History", 0L);
            if (history.Any(m => m.Author == "bot"))
                break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        Assert.Contains(history, m => m.Author == "bot" && m.Text.Contains("1002") && m.Seq == 2);
    }

    [Fact]
    public async Task After_an_upgrade_that_changed_the_shipped_model_the_app_moves_to_the_new_one()
    {
        var models = Path.Combine(App.DataDirectory, "bot", "models");
        const string oldVersion = IntentModelStore.ShippedPrefix + "0ld0recipe0";
        Directory.CreateDirectory(Path.Combine(models, oldVersion));
        foreach (var file in Directory.GetFiles(Path.Combine(models, IntentModelStore.ShippedVersion)))
            File.Copy(file, Path.Combine(models, oldVersion, Path.GetFileName(file)));
        await File.WriteAllTextAsync(Path.Combine(models, "active"), oldVersion);

        await App.RestartAsync();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await File.ReadAllTextAsync(Path.Combine(models, "active"))).Trim() != IntentModelStore.ShippedVersion)
        {
            Assert.True(DateTime.UtcNow < deadline, "The app kept the old shipped model.");
            await Task.Delay(250);
        }
    }
}
