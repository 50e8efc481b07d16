using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Team;

[Collection(ApiCollection.Name)]
public sealed class TeamApiTests(PortalAppFactory app)
{
    private sealed record Role(string Id, string Name, bool IsBuiltIn, string[] Permissions, int Members);

    private sealed record Person(string Id, string Email, string DisplayName, string[] Roles, bool IsActive, bool IsUsableNow, int Capacity);

    private sealed record NewPassword(string PersonId, string Password);

    private sealed record Effective(Person Person, EffectiveEntry[] Permissions);

    private sealed record EffectiveEntry(string Name, string[] GrantedBy);

    [Fact]
    public async Task The_built_in_roles_exist_and_the_Owner_holds_every_permission()
    {
        using var admin = await app.CreateApiClientAsync();
        var roles = await admin.GetAsync<Role[]>("/api/v1/team/roles");
        var catalog = await admin.GetAsync<PermissionRow[]>("/api/v1/team/permissions");

        Assert.Equal(["Owner", "Admin", "Supervisor", "Agent", "Trainee"], roles.Where(r => r.IsBuiltIn).Select(r => r.Name));
        Assert.Equal(catalog.Select(p => p.Name).Order(), roles.Single(r => r.Name == "Owner").Permissions.Order());
        Assert.DoesNotContain("orders.cancel", roles.Single(r => r.Name == "Trainee").Permissions);
    }

    [Fact]
    public async Task A_role_without_a_name_or_with_an_unknown_permission_is_refused()
    {
        using var admin = await app.CreateApiClientAsync();

        using var nameless = await admin.PostJsonAsync("/api/v1/team/roles", new { name = " ", permissions = Array.Empty<string>() });
        using var unknown = await admin.PostJsonAsync("/api/v1/team/roles", new { name = "Odd", permissions = new[] { "orders.eat" } });

        await nameless.AssertValidationErrorAsync("name");
        Assert.Contains("orders.eat", (await unknown.AssertValidationErrorAsync("permissions"))[0]);
    }

    [Fact]
    public async Task The_Owner_role_cannot_lose_a_permission_and_built_in_roles_cannot_be_deleted()
    {
        using var admin = await app.CreateApiClientAsync();
        var owner = (await admin.GetAsync<Role[]>("/api/v1/team/roles")).Single(r => r.Name == "Owner");

        using var shrink = await admin.PutAsJsonAsync($"/api/v1/team/roles/{owner.Id}",
            new { name = "Owner", permissions = owner.Permissions.Skip(1).ToArray() });
        using var delete = await admin.DeleteAsync($"/api/v1/team/roles/{owner.Id}");

        await shrink.AssertValidationErrorAsync("permissions");
        await delete.AssertValidationErrorAsync("role");
    }

    [Fact]
    public async Task A_custom_role_grants_exactly_its_permissions_and_a_change_applies_at_once()
    {
        using var admin = await app.CreateApiClientAsync();
        var roleName = $"Night desk {Guid.NewGuid():N}"[..20];
        var role = await (await admin.PostJsonAsync("/api/v1/team/roles",
            new { name = roleName, permissions = new[] { "conversations.reply" } })).ReadAsync<Role>();
        var (person, token) = await CreatePersonAsync(admin, roleName);
        using var them = app.CreateApiClient(token);

        var before = await them.GetAsync<Effective>("/api/v1/me/permissions");
        using var refused = await them.GetAsync("/api/v1/team/people");
        using var granted = await admin.PutAsJsonAsync($"/api/v1/team/roles/{role.Id}",
            new { name = roleName, permissions = new[] { "conversations.reply", "team.manage" } });
        using var allowed = await them.GetAsync("/api/v1/team/people");

        Assert.Equal(["conversations.reply"], before.Permissions.Select(p => p.Name));
        Assert.Equal([roleName], before.Permissions[0].GrantedBy);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var changed = await admin.GetAsync<AuditPage>($"/api/v1/audit?action=role.changed&q={Uri.EscapeDataString(roleName)}");
        Assert.Contains(changed.Items, e => e.Target == $"role:{roleName}" && e.IpAddress is not null);
        Assert.Equal(person.Email, (await admin.GetAsync<Effective>($"/api/v1/team/people/{person.Id}")).Person.Email);
    }

    [Fact]
    public async Task Creating_a_person_checks_the_email_the_roles_and_the_capacity()
    {
        using var admin = await app.CreateApiClientAsync();

        using var badEmail = await admin.PostJsonAsync("/api/v1/team/people", new { email = "not-an-email", displayName = "X", roles = new[] { "Agent" } });
        using var noRoles = await admin.PostJsonAsync("/api/v1/team/people", new { email = "x1@example.com", displayName = "X", roles = Array.Empty<string>() });
        using var unknownRole = await admin.PostJsonAsync("/api/v1/team/people", new { email = "x2@example.com", displayName = "X", roles = new[] { "Wizard" } });
        using var zeroCapacity = await admin.PostJsonAsync("/api/v1/team/people", new { email = "x3@example.com", displayName = "X", roles = new[] { "Agent" }, capacity = 0 });
        using var backwards = await admin.PostJsonAsync("/api/v1/team/people", new
        {
            email = "x4@example.com", displayName = "X", roles = new[] { "Agent" },
            activeFrom = DateTime.UtcNow.AddDays(2), activeUntil = DateTime.UtcNow.AddDays(1),
        });

        await badEmail.AssertValidationErrorAsync("email");
        await noRoles.AssertValidationErrorAsync("roles");
        await unknownRole.AssertValidationErrorAsync("roles");
        await zeroCapacity.AssertValidationErrorAsync("capacity");
        await backwards.AssertValidationErrorAsync("activeUntil");
    }

    [Fact]
    public async Task Deactivating_someone_closes_their_hub_connection_and_refuses_their_token_and_password()
    {
        using var admin = await app.CreateApiClientAsync();
        var (person, token) = await CreatePersonAsync(admin, "Agent");
        await using var hub = await app.ConnectAgentAsync(token);
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        using var deactivated = await admin.PostAsync($"/api/v1/team/people/{person.Id}/deactivate", null);

        Assert.False((await deactivated.ReadAsync<Person>()).IsActive);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        using var them = app.CreateApiClient(token);
        await (await them.GetAsync("/api/v1/conversations")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var login = await app.CreateClient().PostJsonAsync("/api/v1/auth/login", new { email = person.Email, password = Password });
        await login.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var audit = await admin.GetAsync<AuditPage>($"/api/v1/audit?action=person.deactivated&q={Uri.EscapeDataString(person.Email)}");
        var entry = Assert.Single(audit.Items);
        Assert.Equal("Administrator", entry.ActorName);
        Assert.Equal($"person:{person.Email}", entry.Target);

        using var reactivated = await admin.PostAsync($"/api/v1/team/people/{person.Id}/reactivate", null);
        Assert.True((await reactivated.ReadAsync<Person>()).IsActive);
        Assert.False(string.IsNullOrEmpty(await app.LoginAsync(person.Email, Password)));
    }

    [Fact]
    public async Task A_temporary_account_cannot_sign_in_before_its_window_opens()
    {
        using var admin = await app.CreateApiClientAsync();
        var email = $"temp-{Guid.NewGuid():N}@example.com";
        using var created = await admin.PostJsonAsync("/api/v1/team/people", new
        {
            email, displayName = "Holiday helper", roles = new[] { "Agent" }, password = Password,
            activeFrom = DateTime.UtcNow.AddDays(1), activeUntil = DateTime.UtcNow.AddDays(8),
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        using var login = await app.CreateClient().PostJsonAsync("/api/v1/auth/login", new { email, password = Password });

        await login.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Nobody_can_deactivate_themselves_or_the_last_owner()
    {
        using var admin = await app.CreateApiClientAsync();
        var adminId = await app.UserIdAsync(PortalAppFactory.AdminEmail);

        using var self = await admin.PostAsync($"/api/v1/team/people/{adminId}/deactivate", null);

        await self.AssertValidationErrorAsync("person");
    }

    [Fact]
    public async Task An_agent_cannot_manage_the_team_and_sees_their_own_permissions()
    {
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);

        using var people = await agent.GetAsync("/api/v1/team/people");
        var mine = await agent.GetAsync<Effective>("/api/v1/me/permissions");

        await people.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(mine.Permissions, p => p.Name == "conversations.reply" && p.GrantedBy.Contains("Agent"));
        Assert.DoesNotContain(mine.Permissions, p => p.Name == "team.manage");
    }

    private const string Password = "Temp-Pa55word";

    private sealed record PermissionRow(string Name, string Group, string Description);

    private sealed record AuditPage(AuditRow[] Items, int Total);

    private sealed record AuditRow(long Id, string ActorName, string Action, string Target, string? IpAddress);

    private async Task<(Person Person, string Token)> CreatePersonAsync(HttpClient admin, string role)
    {
        var email = $"p-{Guid.NewGuid():N}@example.com";
        var created = await (await admin.PostJsonAsync("/api/v1/team/people",
            new { email, displayName = "Test person", roles = new[] { role }, password = Password })).ReadAsync<NewPassword>();
        var person = (await admin.GetAsync<Effective>($"/api/v1/team/people/{created.PersonId}")).Person;
        return (person, await app.LoginAsync(email, Password));
    }
}
