using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Features.Account;
using Portal.Features.Team;

namespace Portal.Components.Account.Pages;

/// <summary>Sets up, resets and turns off authenticator-app sign-in for the signed-in user.</summary>
public sealed partial class TwoFactor
{
    private const int RecoveryCodeCount = 10;

    private PortalUser _user = default!;
    private UserAccess? _access;
    private AuthenticatorKey? _key;
    private IReadOnlyList<string>? _recoveryCodes;
    private int _recoveryCodesLeft;
    private string? _notice;
    private bool _failed;
    private string? _codeError;

    [Inject] private UserManager<PortalUser> UserManager { get; set; } = default!;
    [Inject] private SignInManager<PortalUser> SignInManager { get; set; } = default!;
    [Inject] private AccessDirectory Access { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "enable")]
    private CodeInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (await UserManager.GetUserAsync(HttpContext.User) is not { } user)
        {
            Navigation.NavigateTo("account/login", forceLoad: true);
            return;
        }
        _user = user;
        await LoadAsync();
    }

    private async Task EnableAsync()
    {
        var code = AuthenticatorKey.NormalizeCode(Input!.Code);
        if (!await UserManager.VerifyTwoFactorTokenAsync(_user, UserManager.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            _codeError = "That code is wrong or has expired. Check that the app shows Portal and enter the code it shows now.";
            return;
        }
        await UserManager.SetTwoFactorEnabledAsync(_user, true);
        _recoveryCodes = (await UserManager.GenerateNewTwoFactorRecoveryCodesAsync(_user, RecoveryCodeCount))!.ToList();
        await ChangedAsync();
    }

    private async Task ResetKeyAsync()
    {
        await UserManager.SetTwoFactorEnabledAsync(_user, false);
        await UserManager.ResetAuthenticatorKeyAsync(_user);
        await ChangedAsync();
        _notice = "Your authenticator key is reset and two-factor sign-in is off until you set up the app with the new key.";
    }

    private async Task DisableAsync()
    {
        if (_access!.RolesRequiringTwoFactor.Count > 0)
        {
            (_notice, _failed) = ("Your role requires two-factor sign-in; it stays on.", true);
            return;
        }
        await UserManager.SetTwoFactorEnabledAsync(_user, false);
        await ChangedAsync();
        _notice = "Two-factor sign-in is off.";
    }

    /// <summary>
    /// Each change renews the security stamp: the cookie is renewed with it so this browser stays signed in,
    /// and the access cache forgets the user so the two-factor rule sees the change on the next request.
    /// </summary>
    private async Task ChangedAsync()
    {
        await SignInManager.RefreshSignInAsync(_user);
        Access.Forget(_user.Id);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _access = await Access.GetAsync(_user.Id);
        _recoveryCodesLeft = await UserManager.CountRecoveryCodesAsync(_user);
        _key = _user.TwoFactorEnabled ? null : await AuthenticatorKeyAsync();
    }

    private async Task<AuthenticatorKey> AuthenticatorKeyAsync()
    {
        var key = await UserManager.GetAuthenticatorKeyAsync(_user);
        if (string.IsNullOrEmpty(key))
        {
            await UserManager.ResetAuthenticatorKeyAsync(_user);
            await SignInManager.RefreshSignInAsync(_user);
            key = await UserManager.GetAuthenticatorKeyAsync(_user);
        }
        return new AuthenticatorKey(_user.Email!, key!);
    }

    private sealed class CodeInput
    {
        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Enter the code from your authenticator app.")]
        public string Code { get; set; } = "";
    }
}
