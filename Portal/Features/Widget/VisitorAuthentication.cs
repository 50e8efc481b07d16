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

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        var visitor = tokens.Read(token);
        if (visitor is null)
            return Task.FromResult(AuthenticateResult.Fail("The visitor token is invalid or has expired."));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new VisitorClaimsIdentity(visitor)), SchemeName)));
    }

    internal static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        var query = request.Query["access_token"].ToString();
        return string.IsNullOrEmpty(query) ? null : query;
    }

    public static VisitorIdentity? From(ClaimsPrincipal? user) => (user?.Identity as VisitorClaimsIdentity)?.Visitor;
}

/// <summary>
/// A signed-in visitor: the ids from the token as they are, with no claims. The principal lives as long as the widget's
/// connection, so three claims and their strings would cost every idle connection more than half a kilobyte, and every hub
/// call would parse them again.
/// </summary>
public sealed class VisitorClaimsIdentity(VisitorIdentity visitor) : ClaimsIdentity(VisitorAuthenticationHandler.SchemeName)
{
    public VisitorIdentity Visitor { get; } = visitor;

    public override ClaimsIdentity Clone() => new VisitorClaimsIdentity(Visitor);
}
