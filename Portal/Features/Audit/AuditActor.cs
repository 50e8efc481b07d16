using System.Security.Claims;
using Portal.Features.Team;

namespace Portal.Features.Audit;

/// <summary>Who did something, as the audit log records it: the account, its display name and the client's IP address.</summary>
public sealed record AuditActor(string? UserId, string Name, string? IpAddress)
{
    /// <summary>The signed-in user of an API request or hub call, and the address the request came from.</summary>
    public static AuditActor From(ClaimsPrincipal user, HttpContext? http) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.FindFirstValue(CurrentAgent.DisplayNameClaim) ?? user.Identity?.Name ?? "unknown",
            http?.Connection.RemoteIpAddress?.ToString());

    /// <summary>The caller of an API request.</summary>
    public static AuditActor From(HttpContext http) => From(http.User, http);
}
