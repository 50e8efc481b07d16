using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Bot;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Sites;

namespace Portal.Features.Widget;

/// <summary>
/// <c>POST /api/v1/widget/sessions</c>: the widget's first call on every page load. Finds or creates the
/// visitor's contact and conversation and returns a fresh visitor token for the widget hub.
/// </summary>
public static class StartWidgetSession
{
    public sealed record WidgetSessionRequest(string? SiteKey, string? VisitorToken, WidgetUser? User);

    public sealed record WidgetSessionResponse(string VisitorToken, Guid ConversationId);

    public static async Task<Results<Ok<WidgetSessionResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        WidgetSessionRequest request,
        HttpContext http,
        SiteDirectory sites,
        VisitorTokens tokens,
        IdentityVerification identity,
        IDbContextFactory<PortalDbContext> dbFactory,
        DatabaseWriteGate writeGate,
        BotAvailability bot,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.SiteKey))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["siteKey"] = ["siteKey is required."] });
        var site = await sites.FindByKeyAsync(request.SiteKey.Trim(), cancellationToken);
        if (site is null)
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["siteKey"] = [$"No site has the key '{request.SiteKey}'."] },
                title: "Unknown site key");
        if (!SiteDirectory.AllowsRequest(site, http.Request))
            return Problem(StatusCodes.Status403Forbidden, "Origin not allowed", $"This site does not allow the widget on {http.Request.Headers.Origin}.");

        var userErrors = ValidateUser(request.User);
        if (userErrors is not null)
            return TypedResults.ValidationProblem(userErrors);

        VisitorIdentity? visitor = null;
        if (request.VisitorToken is not null)
        {
            visitor = tokens.Read(request.VisitorToken);
            if (visitor is null || visitor.SiteId != site.Id)
                return Problem(StatusCodes.Status401Unauthorized, "Invalid visitor token",
                    "The visitor token is invalid or has expired; start a new session without it.");
        }

        var (check, reason) = identity.Check(site, request.User);
        if (check == IdentityCheck.Refused)
            return Problem(StatusCodes.Status403Forbidden, "Identity not verified", reason!);

        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var contact = await FindContactAsync(db, site, visitor, request.User, check, cancellationToken);
            if (check != IdentityCheck.NotClaimed)
                ApplyUser(contact, request.User!, check == IdentityCheck.Verified);
            contact.LastSeenAt = DateTime.UtcNow;

            var conversation = await FindConversationAsync(db, contact, visitor, bot.AnswersFirstOn(site), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            var token = tokens.Issue(new VisitorIdentity(site.Id, contact.Id, conversation.Id));
            return TypedResults.Ok(new WidgetSessionResponse(token, conversation.Id));
        }
    }

    private static async Task<Contact> FindContactAsync(
        PortalDbContext db, Site site, VisitorIdentity? visitor, WidgetUser? user, IdentityCheck check, CancellationToken cancellationToken)
    {
        // Only a verified id may take over an existing contact (and its history): anyone can type an id.
        if (check == IdentityCheck.Verified)
        {
            var known = await db.Contacts.FirstOrDefaultAsync(c => c.SiteId == site.Id && c.ExternalId == user!.Id, cancellationToken);
            if (known is not null)
                return known;
        }
        if (visitor is not null)
        {
            var current = await db.Contacts.FirstOrDefaultAsync(c => c.Id == visitor.ContactId, cancellationToken);
            // An anonymous visitor who signs in keeps their conversation; a different verified user does not inherit it.
            if (current is not null && (current.ExternalId is null || check != IdentityCheck.Verified))
                return current;
        }
        var contact = new Contact { SiteId = site.Id };
        db.Contacts.Add(contact);
        return contact;
    }

    private static async Task<Conversation> FindConversationAsync(
        PortalDbContext db, Contact contact, VisitorIdentity? visitor, bool botAnswersFirst, CancellationToken cancellationToken)
    {
        if (visitor is not null && visitor.ContactId == contact.Id)
        {
            var current = await db.Conversations.FirstOrDefaultAsync(c => c.Id == visitor.ConversationId, cancellationToken);
            if (current is not null)
                return current;
        }
        var latest = await db.Conversations.Where(c => c.ContactId == contact.Id)
            .OrderByDescending(c => c.LastActivityAt).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null)
            return latest;
        var conversation = new Conversation
        {
            SiteId = contact.SiteId, ContactId = contact.Id, Channel = Channels.Web, BotActive = botAnswersFirst,
        };
        db.Conversations.Add(conversation);
        return conversation;
    }

    private static void ApplyUser(Contact contact, WidgetUser user, bool verified)
    {
        if (verified)
        {
            contact.ExternalId = user.Id;
            contact.IdentityVerified = true;
        }
        if (!string.IsNullOrWhiteSpace(user.Name)) contact.Name = user.Name.Trim();
        if (!string.IsNullOrWhiteSpace(user.Email)) contact.Email = user.Email.Trim();
        if (!string.IsNullOrWhiteSpace(user.Phone)) contact.Phone = user.Phone.Trim();
    }

    private static Dictionary<string, string[]>? ValidateUser(WidgetUser? user)
    {
        if (user is null)
            return null;
        var errors = new Dictionary<string, string[]>();
        Limit("user.id", user.Id, 200);
        Limit("user.name", user.Name, 200);
        Limit("user.email", user.Email, 320);
        Limit("user.phone", user.Phone, 50);
        Limit("user.hash", user.Hash, 128);
        return errors.Count == 0 ? null : errors;

        void Limit(string field, string? value, int max)
        {
            if (value is { Length: var length } && length > max)
                errors[field] = [$"{field} may be at most {max} characters."];
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
