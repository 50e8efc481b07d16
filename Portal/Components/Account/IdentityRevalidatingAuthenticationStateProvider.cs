using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Team;

namespace Portal.Components.Account;

/// <summary>
/// The console circuit's sign-in state. It signs the circuit out the moment the user's sessions are revoked
/// (deactivation), and every minute checks that the account is still usable and its security stamp unchanged.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options,
        AccessDirectory access,
        StaffSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private IDisposable? _watch;

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    public override async Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        var state = await base.GetAuthenticationStateAsync();
        if (_watch is null && state.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            _watch = sessions.WatchRevocation(userId,
                () => SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())))));
        return state;
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var userId = authenticationState.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !(await access.GetAsync(userId, cancellationToken)).IsUsable)
            return false;
        // A fresh scope so the user manager reads current data.
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null)
            return false;
        var principalStamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }

    protected override void Dispose(bool disposing)
    {
        _watch?.Dispose();
        base.Dispose(disposing);
    }
}
