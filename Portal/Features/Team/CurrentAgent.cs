using System.Security.Claims;

namespace Portal.Features.Team;

/// <summary>The signed-in agent as hubs, endpoints and pages see them.</summary>
public sealed record CurrentAgent(string Id, string Name)
{
    public const string DisplayNameClaim = "portal:display_name";

    public static CurrentAgent From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user has no id."),
            user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "Agent");
}
