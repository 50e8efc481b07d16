using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Team;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Account;

/// <summary>Fresh roles and people for the two-factor tests, so the demo accounts other tests use stay as they are.</summary>
internal static class TwoFactorPeople
{
    public const string Password = "Temp-Pa55word";

    public static readonly string[] RolePermissions = ["conversations.reply"];

    public sealed record Role(string Id, string Name, bool RequiresTwoFactor);

    public sealed record Person(string Id, string Email);

    private sealed record NewPassword(string PersonId, string Password);

    public static async Task<Role> CreateRoleAsync(HttpClient admin, bool requiresTwoFactor)
    {
        var name = $"2FA desk {Guid.NewGuid():N}"[..20];
        using var created = await admin.PostJsonAsync("/api/v1/team/roles",
            new { name, permissions = RolePermissions, requiresTwoFactor });
        return await created.ReadAsync<Role>();
    }

    public static async Task<Person> CreatePersonAsync(HttpClient admin, Role role)
    {
        var email = $"2fa-{Guid.NewGuid():N}@example.com";
        using var created = await admin.PostJsonAsync("/api/v1/team/people",
            new { email, displayName = "Two-factor tester", roles = new[] { role.Name }, password = Password });
        return new Person((await created.ReadAsync<NewPassword>()).PersonId, email);
    }

    /// <summary>Turns on authenticator sign-in as the set-up page does, and returns the key the app would hold.</summary>
    public static async Task<string> EnableAuthenticatorAsync(PortalAppFactory app, Person person)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(person.Id))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        app.Services.GetRequiredService<AccessDirectory>().Forget(person.Id);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    public static async Task<string[]> RecoveryCodesAsync(PortalAppFactory app, Person person)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(person.Id))!, 10))!.ToArray();
    }
}
