using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Portal.Features.Widget;

/// <summary>
/// Authenticates widget hub connections by visitor token, sent as <c>?access_token=</c> (browsers)
/// or as an <c>Authorization: Bearer</c> header (other SignalR clients), SPEC §8.
/// </summary>
public sealed class VisitorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, VisitorTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Visitor";
    public const string SiteIdClaim = "portal:site";
    public const string ContactIdClaim = "portal:contact";
    public const string ConversationIdClaim = "portal:conversation";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        var visitor = tokens.Read(token);
        if (visitor is null)
            return Task.FromResult(AuthenticateResult.Fail("The visitor token is invalid or has expired."));

        var identity = new ClaimsIdentity(
            [
                new Claim(SiteIdClaim, visitor.SiteId.ToString()),
                new Claim(ContactIdClaim, visitor.ContactId.ToString()),
                new Claim(ConversationIdClaim, visitor.ConversationId.ToString()),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    internal static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        var query = request.Query["access_token"].ToString();
        return string.IsNullOrEmpty(query) ? null : query;
    }

    public static VisitorIdentity? From(ClaimsPrincipal? user) =>
        user?.FindFirst(ContactIdClaim) is { } contact
            ? new VisitorIdentity(
                Guid.Parse(user.FindFirst(SiteIdClaim)!.Value),
                Guid.Parse(contact.Value),
                Guid.Parse(user.FindFirst(ConversationIdClaim)!.Value))
            : null;
}
