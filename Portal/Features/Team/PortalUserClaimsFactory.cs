using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Team;

/// <summary>Puts the agent's display name into their cookie and bearer token, so hubs need no lookup per message.</summary>
public sealed class PortalUserClaimsFactory(
    UserManager<PortalUser> users, RoleManager<PortalRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentAgent.DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "Agent" : user.DisplayName));
        return identity;
    }
}
