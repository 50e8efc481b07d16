using System.Linq.Expressions;
using Portal.Features.Contacts;

namespace Portal.Features.Orders;

/// <summary>
/// Which of a site's orders are a contact's: those with the contact's shop user id; when the contact has no shop user id,
/// or for guest orders without one, those with the contact's e-mail (case-insensitively) or phone.
/// An order placed under another shop account is never shown for a matching e-mail alone.
/// </summary>
public static class OrderMatching
{
    public static Expression<Func<Order, bool>> BelongsTo(Contact contact)
    {
        var siteId = contact.SiteId;
        var externalId = Blank(contact.ExternalId);
        // Orders store e-mails in lower case (OrderInput.ApplyTo), so the comparison can use the index.
        var email = Blank(contact.Email)?.ToLowerInvariant();
        var phone = Blank(contact.Phone);
        return o => o.SiteId == siteId
            && ((externalId != null && o.CustomerExternalId == externalId)
                || ((externalId == null || o.CustomerExternalId == null)
                    && ((email != null && o.CustomerEmail == email) || (phone != null && o.CustomerPhone == phone))));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
