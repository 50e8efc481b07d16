using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Portal.Features.Team;

/// <summary>Requires a permission from the catalog; checked against the user's current access, not their cookie.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Requires an active staff account (any role): the console, the agent hub, the lists every agent needs.</summary>
public sealed record StaffRequirement : IAuthorizationRequirement;

public sealed class PermissionAuthorizationHandler(AccessDirectory access) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var pending = context.PendingRequirements.Where(r => r is PermissionRequirement or StaffRequirement).ToList();
        if (userId is null || pending.Count == 0)
            return;
        var current = await access.GetAsync(userId);
        foreach (var requirement in pending)
        {
            var met = requirement switch
            {
                PermissionRequirement permission => current.Has(permission.Permission),
                _ => current.IsUsable,
            };
            if (met)
                context.Succeed(requirement);
        }
    }
}

public static class PermissionPolicies
{
    /// <summary>Any active staff member.</summary>
    public const string Staff = "staff";

    /// <summary>One policy per permission, named as the permission, plus <see cref="Staff"/>.</summary>
    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder authorization)
    {
        authorization.AddPolicy(Staff, policy => policy.RequireAuthenticatedUser().AddRequirements(new StaffRequirement()));
        foreach (var permission in Permissions.All)
            authorization.AddPolicy(permission.Name, policy => policy.RequireAuthenticatedUser()
                .AddRequirements(new StaffRequirement(), new PermissionRequirement(permission.Name)));
        return authorization;
    }
}
