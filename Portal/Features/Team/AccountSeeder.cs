using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Features.Team;

/// <summary>
/// Creates the built-in roles with their permissions and the first admin (SPEC §3). Roles that exist keep the
/// permissions an admin gave them; only the Owner role always gains permissions new to the catalog.
/// </summary>
public sealed class AccountSeeder(
    UserManager<PortalUser> users, RoleManager<PortalRole> roles, IOptions<PortalOptions> options, ILogger<AccountSeeder> logger)
{
    public async Task SeedAsync()
    {
        foreach (var definition in BuiltInRoles.All)
            await SeedRoleAsync(definition);

        var bootstrap = options.Value.Bootstrap;
        if (await users.FindByEmailAsync(bootstrap.AdminEmail) is not null)
            return;

        var password = string.IsNullOrEmpty(bootstrap.AdminPassword) ? PeopleAdministration.GeneratePassword() : bootstrap.AdminPassword;
        await CreateAsync(bootstrap.AdminEmail, "Administrator", password, BuiltInRoles.Owner);
        if (string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            // Printed once, on the first start only: the operator signs in with it and changes it.
            System.Console.WriteLine($"""

                ==== Portal first start ====
                Admin account: {bootstrap.AdminEmail}
                Password:      {password}
                (shown once; set Portal:Bootstrap:AdminPassword to choose it yourself)
                ============================

                """);
        }
        logger.LogInformation("Created the admin account {Email}", bootstrap.AdminEmail);
    }

    public async Task<PortalUser> CreateAsync(string email, string displayName, string password, params string[] userRoles)
    {
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await users.CreateAsync(user, password), $"create {email}");
        Check(await users.AddToRolesAsync(user, userRoles), $"give {email} its roles");
        return user;
    }

    private async Task SeedRoleAsync(BuiltInRoles.Definition definition)
    {
        var role = await roles.FindByNameAsync(definition.Name);
        var isNew = role is null;
        if (role is null)
        {
            role = new PortalRole(definition.Name) { Description = definition.Description, IsBuiltIn = true };
            Check(await roles.CreateAsync(role), $"create role {definition.Name}");
        }
        if (!isNew && definition.Name != BuiltInRoles.Owner)
            return;
        var held = (await roles.GetClaimsAsync(role)).Where(c => c.Type == Permissions.ClaimType).Select(c => c.Value).ToHashSet();
        foreach (var permission in definition.Permissions.Where(p => !held.Contains(p)))
            Check(await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission)), $"grant {permission} to {definition.Name}");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
