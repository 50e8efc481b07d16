using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Microsoft.Extensions.Options;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Monitoring;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Routing;
using Portal.Features.Sites;

namespace Portal.Features.Widget;

/// <summary>
/// The customer's real-time connection, <c>/hubs/widget</c> (SPEC §4.4). Only visitors reach it: its endpoint skips
/// ASP.NET Core authorization, and <see cref="VisitorAuthentication"/> answers 401 to a request without a valid visitor
/// token before routing; a connection that still comes without a visitor is aborted.
/// </summary>
public sealed class WidgetHub(
    ConversationMessages messages,
    ConversationActions actions,
    ConversationEvents events,
    SiteDirectory sites,
    ContactDirectory contacts,
    IDbContextFactory<PortalDbContext> dbFactory,
    DatabaseWriteGate writeGate,
    PortalMetrics metrics,
    MessageTracing tracing,
    QueueAnnouncer queueAnnouncer,
    IOptions<WidgetOptions> options) : Hub
{
    public const string Path = "/hubs/widget";

    private VisitorIdentity Visitor => VisitorAuthentication.From(Context.User)
        ?? throw new HubException("This connection has no visitor.");

    public override async Task OnConnectedAsync()
    {
        // Counted at once: OnDisconnectedAsync follows every OnConnectedAsync that returns, aborted or not. (No flag in
        // Context.Items: that dictionary alone would cost every idle widget connection half a kilobyte.)
        metrics.ConnectionOpened("widget");
        try
        {
            if (VisitorAuthentication.From(Context.User) is null)
            {
                Context.Abort();
                return;
            }
            var site = await sites.FindAsync(Visitor.SiteId);
            if (site is null || !SiteDirectory.AllowsRequest(site, Context.GetHttpContext()!.Request))
            {
                Context.Abort();
                return;
            }
            await Groups.AddToGroupAsync(Context.ConnectionId, ConversationAudience.WidgetGroup(Visitor.ConversationId));
            await queueAnnouncer.AnnounceToAsync(Visitor.ConversationId, Context.ConnectionId);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync after a failed OnConnectedAsync.
            metrics.ConnectionClosed("widget");
            throw;
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ConnectionClosed("widget");
        return Task.CompletedTask;
    }

    public async Task<MessageDto> Send(string? clientMessageId, string? text)
    {
        var visitor = Visitor;
        using var trace = tracing.StartEntry(MessageSpans.HubSend, visitor.ConversationId, MessageAuthor.Customer, Channels.Web);
        var authorName = await contacts.DisplayNameAsync(visitor.ContactId)
            ?? throw new HubException("This visitor no longer exists; start a new session.");
        try
        {
            var result = await messages.AppendAsync(new NewMessage(
                visitor.ConversationId, MessageAuthor.Customer, visitor.ContactId.ToString(), authorName, text ?? "", clientMessageId));
            trace.Stored(result.Message);
            return result.Message;
        }
        catch (ConversationNotFoundException ex)
        {
            trace.Failed(ex);
            throw new HubException("This conversation no longer exists; start a new session.");
        }
        catch (MessageRejectedException ex)
        {
            trace.Failed(ex);
            throw new HubException(ex.Message);
        }
    }

    public async Task<IReadOnlyList<MessageDto>> History(long afterSeq) =>
        await messages.HistoryAsync(Visitor.ConversationId, Math.Max(0, afterSeq), includePrivate: false);

    public Task Typing(bool isTyping) =>
        events.PublishAsync(new TypingChanged(Visitor.ConversationId, "customer", null, null, isTyping));

    public Task MarkRead(long seq) => actions.MarkReadByCustomerAsync(Visitor.ConversationId, seq);

    public async Task SetAttributes(Dictionary<string, JsonElement>? attributes)
    {
        if (attributes is null)
            throw new HubException("Attributes must be an object.");
        var limit = options.Value.MaxAttributes;
        foreach (var (key, value) in attributes)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 64)
                throw new HubException("Attribute names must be 1 to 64 characters.");
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array || value.ToString().Length > 500)
                throw new HubException($"Attribute '{key}' must be a text, number or true/false of at most 500 characters.");
        }
        await UpdateContactAsync(contact =>
        {
            var merged = new Dictionary<string, string>(contact.Attributes);
            foreach (var (key, value) in attributes)
            {
                if (value.ValueKind == JsonValueKind.Null) merged.Remove(key);
                else merged[key] = value.ToString();
            }
            if (merged.Count > limit)
                throw new HubException($"A contact may carry at most {limit} attributes.");
            contact.Attributes = merged;
        });
    }

    public Task PageView(PageView? page)
    {
        if (page is null)
            throw new HubException("PageView needs the page's url.");
        var userAgent = Context.GetHttpContext()?.Request.Headers.UserAgent.ToString();
        return UpdateContactAsync(contact =>
        {
            contact.CurrentPageUrl = Clip(page.Url, 2048) ?? contact.CurrentPageUrl;
            contact.CurrentPageTitle = Clip(page.Title, 500) ?? contact.CurrentPageTitle;
            contact.TimeZone = Clip(page.TimeZone, 64) ?? contact.TimeZone;
            contact.Locale = Clip(page.Locale, 16) ?? contact.Locale;
            contact.Browser = Clip(userAgent, 500) ?? contact.Browser;
            contact.LastSeenAt = DateTime.UtcNow;
        });
    }

    private async Task UpdateContactAsync(Action<Contact> change)
    {
        using (await writeGate.EnterAsync())
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == Visitor.ContactId)
                ?? throw new HubException("This visitor no longer exists; start a new session.");
            change(contact);
            await db.SaveChangesAsync();
        }
        await events.PublishAsync(new ContactChanged(Visitor.ConversationId, Visitor.ContactId));
    }

    private static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= max ? value : value[..max];
}
