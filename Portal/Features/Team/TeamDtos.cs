namespace Portal.Features.Team;

public sealed record RoleDto(string Id, string Name, string Description, bool IsBuiltIn, bool RequiresTwoFactor,
    IReadOnlyList<string> Permissions, int Members);

public sealed record PersonDto(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsActive, DateTime? ActiveFrom,
    DateTime? ActiveUntil, bool IsUsableNow, int Capacity, Data.Presence Presence, bool TwoFactorEnabled, DateTime CreatedAt);

/// <summary>A person and everything they may do, with the roles each permission comes from.</summary>
public sealed record EffectivePermissionsDto(PersonDto Person, IReadOnlyList<EffectivePermission> Permissions);

public sealed record EffectivePermission(string Name, string Group, string Description, IReadOnlyList<string> GrantedBy);

public sealed record RoleInput(string? Name, string? Description, IReadOnlyList<string>? Permissions, bool RequiresTwoFactor = false);

public sealed record PersonInput(
    string? Email, string? DisplayName, IReadOnlyList<string>? Roles, int? Capacity, DateTime? ActiveFrom, DateTime? ActiveUntil,
    string? Password = null);

/// <summary>A password an admin set or Portal generated, shown once so the admin can pass it on.</summary>
public sealed record TemporaryPassword(string PersonId, string Password);
