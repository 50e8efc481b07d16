using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Portal.Features.Widget;

/// <summary>What a visitor token proves: this browser is this contact of this site, in this conversation.</summary>
public sealed record VisitorIdentity(Guid SiteId, Guid ContactId, Guid ConversationId);

/// <summary>Issues and reads the opaque, signed, expiring tokens the widget keeps in localStorage.</summary>
public sealed class VisitorTokens(IDataProtectionProvider dataProtection, IOptions<WidgetOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("Portal.Widget.VisitorToken.v1").ToTimeLimitedDataProtector();

    public string Issue(VisitorIdentity visitor) =>
        _protector.Protect(
            string.Join('|', visitor.SiteId.ToString("N"), visitor.ContactId.ToString("N"), visitor.ConversationId.ToString("N")),
            clock.GetUtcNow().Add(options.Value.VisitorTokenLifetime));

    /// <summary>The visitor the token was issued to, or null when it is forged, damaged or expired.</summary>
    public VisitorIdentity? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2048)
            return null;
        try
        {
            var parts = _protector.Unprotect(token, out var expiresAt).Split('|');
            if (expiresAt < clock.GetUtcNow() || parts.Length != 3)
                return null;
            return new VisitorIdentity(
                Guid.ParseExact(parts[0], "N"), Guid.ParseExact(parts[1], "N"), Guid.ParseExact(parts[2], "N"));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }
}
