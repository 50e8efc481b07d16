using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Team;

/// <summary>
/// What a user may do right now: whether the account is usable, the union of its roles' permissions,
/// and which of its roles require two-factor sign-in.
/// </summary>
public sealed record UserAccess(
    bool IsUsable, IReadOnlySet<string> Permissions, IReadOnlyList<string> RolesRequiringTwoFactor, bool TwoFactorEnabled)
{
    public static readonly UserAccess None = new(false, new HashSet<string>(), [], false);

    public bool Has(string permission) => IsUsable && Permissions.Contains(permission);

    /// <summary>A role requires two-factor sign-in and the user has not set it up: until they do, they may do nothing else.</summary>
    public bool MustSetUpTwoFactor => RolesRequiringTwoFactor.Count > 0 && !TwoFactorEnabled;
}

/// <summary>
/// Reads users' current access from the database and keeps it briefly, so a deactivation or a role change
/// takes effect on the next request, hub call or page, not when a cookie or token next renews.
/// </summary>
public sealed class AccessDirectory(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (UserAccess Access, DateTime ReadAt)> _cache = new();

    public async ValueTask<UserAccess> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_cache.TryGetValue(userId, out var cached) && now - cached.ReadAt < KeepFor)
            return cached.Access;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var access = UserAccess.None;
        if (user is not null)
        {
            var permissions = await (
                from userRole in db.UserRoles
                join claim in db.RoleClaims on userRole.RoleId equals claim.RoleId
                where userRole.UserId == userId && claim.ClaimType == Permissions.ClaimType
                select claim.ClaimValue).Distinct().ToListAsync(cancellationToken);
            var rolesRequiringTwoFactor = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where userRole.UserId == userId && role.RequiresTwoFactor
                orderby role.Name
                select role.Name).ToListAsync(cancellationToken);
            access = new UserAccess(user.IsUsableAt(now), permissions.OfType<string>().ToHashSet(),
                rolesRequiringTwoFactor.OfType<string>().ToList(), user.TwoFactorEnabled);
        }
        _cache[userId] = (access, now);
        return access;
    }

    /// <summary>Forget what is known about one user (their account, roles or two-factor setting changed).</summary>
    public void Forget(string userId) => _cache.TryRemove(userId, out _);

    /// <summary>Forget everyone (a role's permissions or two-factor rule changed).</summary>
    public void ForgetAll() => _cache.Clear();
}
