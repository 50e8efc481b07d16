using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;

namespace Portal.Features.Team;

/// <summary>Lists, creates, changes and deletes roles and their permissions. Each call works in its own scope.</summary>
public sealed class RoleAdministration(IServiceScopeFactory scopes, AccessDirectory access, StaffSessions sessions, AuditTrail audit)
{
    public async Task<IReadOnlyList<RoleDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var claims = await db.RoleClaims.AsNoTracking().Where(c => c.ClaimType == Permissions.ClaimType).ToListAsync(cancellationToken);
        var members = await db.UserRoles.AsNoTracking().GroupBy(ur => ur.RoleId)
            .Select(g => new { RoleId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.RoleId, g => g.Count, cancellationToken);
        return roles
            .OrderBy(r => BuiltInOrder(r.Name))
            .Select(r => new RoleDto(r.Id, r.Name!, r.Description, r.IsBuiltIn, r.RequiresTwoFactor,
                claims.Where(c => c.RoleId == r.Id).Select(c => c.ClaimValue!).OrderBy(p => p).ToList(),
                members.GetValueOrDefault(r.Id)))
            .ToList();
    }

    public async Task<RoleDto> CreateAsync(RoleInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (name, permissions) = Validate(input);
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
        if (await roles.FindByNameAsync(name) is not null)
            throw TeamValidationException.For("name", $"There is already a role named {name}.");
        var role = new PortalRole(name) { Description = input.Description?.Trim() ?? "", RequiresTwoFactor = input.RequiresTwoFactor };
        Check(await roles.CreateAsync(role));
        foreach (var permission in permissions)
            Check(await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission)));
        var created = await FindAsync(role.Id, cancellationToken);
        await audit.RecordAsync(actor, "role.created", $"role:{created.Name}", null, created, cancellationToken);
        return created;
    }

    /// <summary>Changes a role; its members' live sessions reconnect so they get exactly the new permissions.</summary>
    public async Task<(RoleDto Before, RoleDto After)> UpdateAsync(string roleId, RoleInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (name, permissions) = Validate(input);
        var before = await FindAsync(roleId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
        var role = (await roles.FindByIdAsync(roleId))!;
        if (role.IsBuiltIn && role.Name != name)
            throw TeamValidationException.For("name", $"{role.Name} is a built-in role; it keeps its name.");
        if (role.Name == BuiltInRoles.Owner && !Permissions.Names.All(permissions.Contains))
            throw TeamValidationException.For("permissions", "The Owner role always holds every permission, so nobody is ever locked out.");
        if (role.Name != name && await roles.FindByNameAsync(name) is not null)
            throw TeamValidationException.For("name", $"There is already a role named {name}.");

        role.Name = name;
        role.Description = input.Description?.Trim() ?? "";
        role.RequiresTwoFactor = input.RequiresTwoFactor;
        Check(await roles.UpdateAsync(role));
        var held = (await roles.GetClaimsAsync(role)).Where(c => c.Type == Permissions.ClaimType).ToList();
        foreach (var claim in held.Where(c => !permissions.Contains(c.Value)))
            Check(await roles.RemoveClaimAsync(role, claim));
        foreach (var permission in permissions.Where(p => held.All(c => c.Value != p)))
            Check(await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission)));

        await RefreshMembersAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), roleId, cancellationToken);
        var after = await FindAsync(roleId, cancellationToken);
        await audit.RecordAsync(actor, "role.changed", $"role:{after.Name}", before, after, cancellationToken);
        return (before, after);
    }

    public async Task<RoleDto> DeleteAsync(string roleId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var before = await FindAsync(roleId, cancellationToken);
        if (before.IsBuiltIn)
            throw TeamValidationException.For("role", $"{before.Name} is a built-in role and cannot be deleted.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var members = await db.UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId).ToListAsync(cancellationToken);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
        Check(await roles.DeleteAsync((await roles.FindByIdAsync(roleId))!));
        foreach (var userId in members)
            sessions.Reconnect(userId);
        access.ForgetAll();
        await audit.RecordAsync(actor, "role.deleted", $"role:{before.Name}", before, null, cancellationToken);
        return before;
    }

    public async Task<RoleDto> FindAsync(string roleId, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(r => r.Id == roleId)
        ?? throw new TeamNotFoundException($"There is no role with id {roleId}.");

    private async Task RefreshMembersAsync(PortalDbContext db, string roleId, CancellationToken cancellationToken)
    {
        access.ForgetAll();
        foreach (var userId in await db.UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId).ToListAsync(cancellationToken))
            sessions.Reconnect(userId);
    }

    private static (string Name, HashSet<string> Permissions) Validate(RoleInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors["name"] = ["A role needs a name."];
        else if (name.Length > 50)
            errors["name"] = ["A role name may be at most 50 characters."];
        var unknown = (input.Permissions ?? []).Where(p => !Permissions.Names.Contains(p)).ToList();
        if (unknown.Count > 0)
            errors["permissions"] = [$"Unknown permission(s): {string.Join(", ", unknown)}."];
        if (input.Description is { Length: > 300 })
            errors["description"] = ["A description may be at most 300 characters."];
        if (errors.Count > 0)
            throw new TeamValidationException(errors);
        return (name, (input.Permissions ?? []).ToHashSet());
    }

    /// <summary>Built-in roles first, from most to least powerful; custom roles after them.</summary>
    private static int BuiltInOrder(string? name)
    {
        var index = BuiltInRoles.All.ToList().FindIndex(r => r.Name == name);
        return index < 0 ? BuiltInRoles.All.Count : index;
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new TeamValidationException(new() { ["identity"] = result.Errors.Select(e => e.Description).ToArray() });
    }
}

public sealed class TeamNotFoundException(string message) : Exception(message);
