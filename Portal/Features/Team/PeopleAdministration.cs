using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;

namespace Portal.Features.Team;

/// <summary>
/// Creates, changes, deactivates and reactivates the people who sign in to Portal. Each call works in its own scope.
/// Deactivation ends the person's live sessions at once and invalidates their tokens.
/// </summary>
public sealed class PeopleAdministration(
    IServiceScopeFactory scopes, AccessDirectory access, StaffSessions sessions, AuditTrail audit, TimeProvider clock)
{
    public const int MaxCapacity = 100;

    public async Task<IReadOnlyList<PersonDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await RoleNamesByUserAsync(db, null, cancellationToken);
        return users.ConvertAll(u => ToDto(u, roles.GetValueOrDefault(u.Id, [])));
    }

    public async Task<PersonDto> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new TeamNotFoundException($"There is no person with id {userId}.");
        var roles = await RoleNamesByUserAsync(db, userId, cancellationToken);
        return ToDto(user, roles.GetValueOrDefault(userId, []));
    }

    /// <summary>Everything the person may do, and which of their roles grants each permission.</summary>
    public async Task<EffectivePermissionsDto> EffectivePermissionsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var person = await FindAsync(userId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var grants = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            join claim in db.RoleClaims on role.Id equals claim.RoleId
            where userRole.UserId == userId && claim.ClaimType == Permissions.ClaimType
            select new { Permission = claim.ClaimValue!, Role = role.Name! }).ToListAsync(cancellationToken);
        var effective = Permissions.All
            .Select(p => new EffectivePermission(p.Name, p.Group, p.Description,
                grants.Where(g => g.Permission == p.Name).Select(g => g.Role).Distinct().Order().ToList()))
            .Where(p => p.GrantedBy.Count > 0)
            .ToList();
        return new EffectivePermissionsDto(person, effective);
    }

    /// <summary>Creates a person; without a password one is generated and returned once.</summary>
    public async Task<(PersonDto Person, TemporaryPassword Password)> CreateAsync(PersonInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var email = input.Email?.Trim() ?? "";
        var errors = Validate(input, creating: true);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (errors.Count == 0 && await users.FindByEmailAsync(email) is not null)
            errors["email"] = [$"{email} already has an account."];
        await RequireKnownRolesAsync(scope, input.Roles, errors);
        if (errors.Count > 0)
            throw new TeamValidationException(errors);

        var password = string.IsNullOrEmpty(input.Password) ? GeneratePassword() : input.Password;
        var user = new PortalUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName!.Trim(),
            Capacity = input.Capacity ?? PortalUser.DefaultCapacity, ActiveFrom = input.ActiveFrom, ActiveUntil = input.ActiveUntil,
        };
        RoleAdministration.Check(await users.CreateAsync(user, password));
        RoleAdministration.Check(await users.AddToRolesAsync(user, input.Roles!));
        var created = await FindAsync(user.Id, cancellationToken);
        await audit.RecordAsync(actor, "person.created", $"person:{created.Email}", null, created, cancellationToken);
        return (created, new TemporaryPassword(user.Id, password));
    }

    public async Task<(PersonDto Before, PersonDto After)> UpdateAsync(string userId, PersonInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var before = await FindAsync(userId, cancellationToken);
        var errors = Validate(input, creating: false);
        await using var scope = scopes.CreateAsyncScope();
        await RequireKnownRolesAsync(scope, input.Roles, errors);
        if (input.Roles is not null && before.Roles.Contains(BuiltInRoles.Owner) && !input.Roles.Contains(BuiltInRoles.Owner))
            await RequireAnotherOwnerAsync(scope, userId, errors);
        if (errors.Count > 0)
            throw new TeamValidationException(errors);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        if (input.DisplayName is not null) user.DisplayName = input.DisplayName.Trim();
        if (input.Capacity is { } capacity) user.Capacity = capacity;
        user.ActiveFrom = input.ActiveFrom;
        user.ActiveUntil = input.ActiveUntil;
        RoleAdministration.Check(await users.UpdateAsync(user));
        if (input.Roles is not null)
        {
            var current = await users.GetRolesAsync(user);
            RoleAdministration.Check(await users.RemoveFromRolesAsync(user, current.Except(input.Roles)));
            RoleAdministration.Check(await users.AddToRolesAsync(user, input.Roles.Except(current)));
        }
        sessions.Reconnect(userId);
        if (!user.IsUsableAt(clock.GetUtcNow().UtcDateTime))
            sessions.Revoke(userId);
        var after = await FindAsync(userId, cancellationToken);
        await audit.RecordAsync(actor, "person.changed", $"person:{after.Email}", before, after, cancellationToken);
        return (before, after);
    }

    public Task<(PersonDto Before, PersonDto After)> DeactivateAsync(string userId, AuditActor actor, CancellationToken cancellationToken = default) =>
        SetActiveAsync(userId, false, actor, cancellationToken);

    public Task<(PersonDto Before, PersonDto After)> ReactivateAsync(string userId, AuditActor actor, CancellationToken cancellationToken = default) =>
        SetActiveAsync(userId, true, actor, cancellationToken);

    /// <summary>Sets a new password (generated when none is given) and signs the person out everywhere.</summary>
    public async Task<TemporaryPassword> ResetPasswordAsync(string userId, string? password, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var person = await FindAsync(userId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var newPassword = string.IsNullOrEmpty(password) ? GeneratePassword() : password;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
            throw new TeamValidationException(new() { ["password"] = result.Errors.Select(e => e.Description).ToArray() });
        await users.UpdateSecurityStampAsync(user);
        sessions.Revoke(userId);
        await audit.RecordAsync(actor, "person.password_reset", $"person:{person.Email}", null, null, cancellationToken);
        return new TemporaryPassword(userId, newPassword);
    }

    private async Task<(PersonDto Before, PersonDto After)> SetActiveAsync(
        string userId, bool active, AuditActor actor, CancellationToken cancellationToken)
    {
        var before = await FindAsync(userId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        if (!active)
        {
            var errors = new Dictionary<string, string[]>();
            if (userId == actor.UserId)
                errors["person"] = ["You cannot deactivate yourself."];
            else if (before.Roles.Contains(BuiltInRoles.Owner))
                await RequireAnotherOwnerAsync(scope, userId, errors);
            if (errors.Count > 0)
                throw new TeamValidationException(errors);
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        user.IsActive = active;
        RoleAdministration.Check(await users.UpdateAsync(user));
        if (!active)
        {
            // A new stamp makes refresh tokens and remembered cookies worthless; Revoke ends what is live now.
            await users.UpdateSecurityStampAsync(user);
            sessions.Revoke(userId);
        }
        access.Forget(userId);
        var after = await FindAsync(userId, cancellationToken);
        await audit.RecordAsync(actor, active ? "person.reactivated" : "person.deactivated", $"person:{after.Email}", before, after, cancellationToken);
        return (before, after);
    }

    private static async Task RequireAnotherOwnerAsync(AsyncServiceScope scope, string userId, Dictionary<string, string[]> errors)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var owners = await users.GetUsersInRoleAsync(BuiltInRoles.Owner);
        if (!owners.Any(o => o.Id != userId && o.IsActive))
            errors["roles"] = ["This is the last active Owner; make someone else Owner first."];
    }

    private static async Task RequireKnownRolesAsync(AsyncServiceScope scope, IReadOnlyList<string>? roles, Dictionary<string, string[]> errors)
    {
        if (roles is null)
            return;
        var known = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Roles.Select(r => r.Name!).ToListAsync();
        var unknown = roles.Where(r => !known.Contains(r)).ToList();
        if (unknown.Count > 0)
            errors["roles"] = [$"Unknown role(s): {string.Join(", ", unknown)}."];
    }

    private static Dictionary<string, string[]> Validate(PersonInput input, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating)
        {
            var email = input.Email?.Trim() ?? "";
            if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length == 0)
                errors["email"] = ["Enter a valid e-mail address."];
            if (string.IsNullOrWhiteSpace(input.DisplayName))
                errors["displayName"] = ["Enter the name customers will see."];
            if (input.Roles is not { Count: > 0 })
                errors["roles"] = ["Give the person at least one role."];
        }
        if (input.DisplayName is { Length: > 100 })
            errors["displayName"] = ["A name may be at most 100 characters."];
        if (input.Capacity is { } capacity && (capacity < 1 || capacity > MaxCapacity))
            errors["capacity"] = [$"Capacity is the number of conversations at once: 1 to {MaxCapacity}."];
        if (input.ActiveFrom is { } from && input.ActiveUntil is { } until && until <= from)
            errors["activeUntil"] = ["The account must end after it starts."];
        return errors;
    }

    private static async Task<Dictionary<string, List<string>>> RoleNamesByUserAsync(
        PortalDbContext db, string? userId, CancellationToken cancellationToken)
    {
        var rows = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            where userId == null || userRole.UserId == userId
            select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name!).Order().ToList());
    }

    private PersonDto ToDto(PortalUser u, List<string> roles) => new(
        u.Id, u.Email!, u.DisplayName, roles, u.IsActive, u.ActiveFrom, u.ActiveUntil, u.IsUsableAt(clock.GetUtcNow().UtcDateTime),
        u.Capacity, u.Presence, u.TwoFactorEnabled, u.CreatedAt);

    internal static string GeneratePassword() =>
        "Pt-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
}
