using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Features.Team;

/// <summary>Creates the roles and the first admin (SPEC §3); does nothing once they exist.</summary>
public sealed class AccountSeeder(
    UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<PortalOptions> options, ILogger<AccountSeeder> logger)
{
    public async Task SeedAsync()
    {
        foreach (var role in PortalPolicies.Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");

        var bootstrap = options.Value.Bootstrap;
        if (await users.FindByEmailAsync(bootstrap.AdminEmail) is not null)
            return;

        var password = string.IsNullOrEmpty(bootstrap.AdminPassword) ? GeneratePassword() : bootstrap.AdminPassword;
        await CreateAsync(bootstrap.AdminEmail, "Administrator", password, PortalPolicies.Roles.Admin, PortalPolicies.Roles.Agent);
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

    private static string GeneratePassword() =>
        "Pt-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
