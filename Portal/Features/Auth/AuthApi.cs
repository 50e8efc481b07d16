using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Account;
using Portal.Features.Shifts;

namespace Portal.Features.Auth;

/// <summary>Token sign-in for API clients (SPEC §4.1): Identity bearer tokens.</summary>
public static class AuthApi
{
    /// <summary>
    /// E-mail and password; an account with two-factor sign-in also sends the code its authenticator app shows
    /// (<c>twoFactorCode</c>) or one of its recovery codes (<c>twoFactorRecoveryCode</c>).
    /// </summary>
    public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null, string? TwoFactorRecoveryCode = null);

    public sealed record RefreshRequest(string? RefreshToken);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();
        api.MapPost("/login", Login).WithName("Login")
            .WithSummary("Sign in").WithDescription("Exchanges e-mail and password (and, for an account with two-factor sign-in, twoFactorCode or twoFactorRecoveryCode) for {tokenType, accessToken, expiresIn, refreshToken}.")
            .Produces<AccessTokenResponse>();
        api.MapPost("/refresh", Refresh).WithName("RefreshToken")
            .WithSummary("Refresh an access token")
            .Produces<AccessTokenResponse>();
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, SignInManager<PortalUser> signIn, SignInWindow window)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email)) errors["email"] = ["email is required."];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["password is required."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var user = await signIn.UserManager.FindByEmailAsync(request.Email!.Trim());
        if (user is null)
            return Unauthorized("The e-mail or password is wrong.");
        // Outside their shift only someone who knows the password learns why, and no token is issued.
        if (await window.CheckAsync(user) is { Allowed: false } closed && await signIn.UserManager.CheckPasswordAsync(user, request.Password!))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Outside your shift", detail: closed.Message);

        // The bearer scheme writes {tokenType, accessToken, expiresIn, refreshToken} itself on sign-in.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, request.Password!, isPersistent: false, lockoutOnFailure: true);
        return result.RequiresTwoFactor
            ? await SecondFactorAsync(request, signIn)
            : Outcome(result, "The e-mail or password is wrong.");
    }

    /// <summary>The password step keeps the user for the second step within this same request, as MapIdentityApi does.</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> SecondFactorAsync(
        LoginRequest request, SignInManager<PortalUser> signIn)
    {
        SignInResult result;
        if (!string.IsNullOrEmpty(request.TwoFactorCode))
            result = await signIn.TwoFactorAuthenticatorSignInAsync(
                AuthenticatorKey.NormalizeCode(request.TwoFactorCode), isPersistent: false, rememberClient: false);
        else if (!string.IsNullOrEmpty(request.TwoFactorRecoveryCode))
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(request.TwoFactorRecoveryCode.Replace(" ", ""));
        else
            return Unauthorized("This account uses two-factor sign-in; send twoFactorCode (from the authenticator app) or twoFactorRecoveryCode as well.");
        return Outcome(result, "The two-factor code is wrong or has expired.");
    }

    private static Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult> Outcome(SignInResult result, string wrongDetail)
    {
        if (result.Succeeded)
            return TypedResults.Empty;
        return Unauthorized(result.IsLockedOut ? "Too many failed attempts; the account is locked for a while."
            : result.IsNotAllowed ? "This account may not sign in."
            : wrongDetail);
    }

    private static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInManager<PortalUser> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["refreshToken is required."] });

        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expiresAt || clock.GetUtcNow() >= expiresAt
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            return Unauthorized("The refresh token is invalid or has expired; log in again.");

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: detail);
}
