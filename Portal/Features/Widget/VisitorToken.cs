using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Portal.Features.Widget;

/// <summary>What a visitor token proves: this browser is this contact of this site, in this conversation.</summary>
public sealed record VisitorIdentity(Guid SiteId, Guid ContactId, Guid ConversationId);

/// <summary>Issues and reads the opaque, signed, expiring tokens the widget keeps in localStorage.</summary>
public sealed class VisitorTokens(IDataProtectionProvider dataProtection, IOptions<WidgetOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("Portal.Widget.VisitorToken.v1").ToTimeLimitedDataProtector();

    /// <summary>
    /// A token of the three ids as 48 bytes (about 200 characters once protected): it rides in the URL of every widget
    /// connection, which the server keeps, three times over, for as long as the connection is open — the first format,
    /// the ids as text, made it 260.
    /// </summary>
    public string Issue(VisitorIdentity visitor)
    {
        var ids = new byte[IdsLength];
        visitor.SiteId.TryWriteBytes(ids.AsSpan(0, 16));
        visitor.ContactId.TryWriteBytes(ids.AsSpan(16, 16));
        visitor.ConversationId.TryWriteBytes(ids.AsSpan(32, 16));
        return WebEncoders.Base64UrlEncode(_protector.Protect(ids, clock.GetUtcNow().Add(options.Value.VisitorTokenLifetime)));
    }

    /// <summary>The visitor the token was issued to, or null when it is forged, damaged or expired. Tokens of the first format (the ids as text) still read.</summary>
    public VisitorIdentity? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2048)
            return null;
        try
        {
            var payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token), out var expiresAt);
            if (expiresAt < clock.GetUtcNow())
                return null;
            return payload.Length == IdsLength ? FromIds(payload) : FromText(Encoding.UTF8.GetString(payload));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    private const int IdsLength = 48;

    private static VisitorIdentity FromIds(byte[] ids) =>
        new(new Guid(ids.AsSpan(0, 16)), new Guid(ids.AsSpan(16, 16)), new Guid(ids.AsSpan(32, 16)));

    private static VisitorIdentity? FromText(string ids) =>
        ids.Split('|') is [var site, var contact, var conversation]
            ? new VisitorIdentity(Guid.ParseExact(site, "N"), Guid.ParseExact(contact, "N"), Guid.ParseExact(conversation, "N"))
            : null;
}
