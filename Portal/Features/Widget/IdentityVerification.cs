using System.Security.Cryptography;
using System.Text;
using Portal.Features.Sites;

namespace Portal.Features.Widget;

public enum IdentityCheck { NotClaimed, Verified, Unverified, Refused }

/// <summary>
/// Checks a shop's identity hash: hex HMAC-SHA256 with the site's identity secret of <c>id</c>,
/// or of <c>id + ":" + ts</c> (unix seconds), which expires after the site's max age (SPEC §4.3).
/// </summary>
public sealed class IdentityVerification(TimeProvider clock)
{
    public (IdentityCheck Result, string? Reason) Check(Site site, WidgetUser? user)
    {
        if (user is null || string.IsNullOrWhiteSpace(user.Id))
            return (IdentityCheck.NotClaimed, null);

        if (string.IsNullOrEmpty(user.Hash))
            return site.RequireIdentityVerification
                ? (IdentityCheck.Refused, "This site requires an identity hash with setUser.")
                : (IdentityCheck.Unverified, null);

        if (user.Ts is null && site.RequireTimestampedIdentity)
            return (IdentityCheck.Refused, "This site requires a timestamped identity hash (ts).");

        if (user.Ts is { } ts)
        {
            var age = clock.GetUtcNow().ToUnixTimeSeconds() - ts;
            if (age > site.IdentityMaxAgeSeconds || age < -300)
                return (IdentityCheck.Refused, "The identity hash has expired; sign it again with a current ts.");
        }

        var signed = user.Ts is { } t ? $"{user.Id}:{t}" : user.Id;
        return HashMatches(site.IdentitySecret, signed, user.Hash)
            ? (IdentityCheck.Verified, null)
            : (IdentityCheck.Refused, "The identity hash does not match this user.");
    }

    public static string Sign(string secret, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(value)));

    private static bool HashMatches(string secret, string value, string hash)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, value));
        var given = Encoding.ASCII.GetBytes(hash.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
