using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Shifts;

namespace Portal.Features.Auth;

/// <summary>Token sign-in for API clients (SPEC §4.1): Identity bearer tokens.</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();
        api.MapPost("/login", Login).WithName("Login")
            .WithSummary("Sign in").WithDescription("Exchanges e-mail and password for {tokenType, accessToken, expiresIn, refreshToken}.")
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
        if (result.Succeeded)
            return TypedResults.Empty;
        if (result.IsLockedOut)
            return Unauthorized("Too many failed attempts; the account is locked for a while.");
        if (result.RequiresTwoFactor)
            return Unauthorized("This account requires two-factor sign-in; sign in through the console.");
        return Unauthorized(result.IsNotAllowed ? "This account may not sign in." : "The e-mail or password is wrong.");
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
