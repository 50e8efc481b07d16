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
/// (deactivation), and every 15 seconds checks that the account is still usable, not waiting for a two-factor set-up
/// its role requires, and its security stamp unchanged — the check also catches a revocation the event did not bring
/// (a circuit that was still starting, or another node).
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly AccessDirectory _access;
    private readonly StaffSessions _sessions;
    private IDisposable? _watch;

    public IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, AccessDirectory access, StaffSessions sessions)
        : base(loggerFactory)
    {
        (_scopeFactory, _options, _access, _sessions) = (scopeFactory, options, access, sessions);
        AuthenticationStateChanged += WatchForRevocation;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(15);

    /// <summary>
    /// The circuit hands its user over by setting the state (which raises this event); from then on a
    /// revocation of that user's sessions signs this circuit out at once.
    /// </summary>
    private void WatchForRevocation(Task<AuthenticationState> state)
    {
        if (!state.IsCompleted)
        {
            state.ContinueWith(WatchForRevocation, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            return;
        }
        if (_watch is not null || !state.IsCompletedSuccessfully
            || state.Result.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return;
        var watch = _sessions.WatchRevocation(userId,
            () => SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())))));
        if (Interlocked.CompareExchange(ref _watch, watch, null) is not null)
            watch.Dispose();
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var userId = authenticationState.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || await _access.GetAsync(userId, cancellationToken) is not { IsUsable: true, MustSetUpTwoFactor: false })
            return false;
        // A fresh scope so the user manager reads current data.
        await using var scope = _scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null)
            return false;
        var principalStamp = authenticationState.User.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }

    protected override void Dispose(bool disposing)
    {
        AuthenticationStateChanged -= WatchForRevocation;
        _watch?.Dispose();
        base.Dispose(disposing);
    }
}
