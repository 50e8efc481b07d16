using Microsoft.Extensions.Time.Testing;
using Portal.Features.Sites;
using Portal.Features.Widget;

namespace Portal.Tests.Features.Widget;

public sealed class IdentityVerificationTests
{
    private const string Secret = "shop-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly IdentityVerification _verification = new(new FakeTimeProvider(Now));

    [Fact]
    public void A_correct_hash_of_the_id_verifies() =>
        Assert.Equal(IdentityCheck.Verified, Check(Site(), User("u-42", IdentityVerification.Sign(Secret, "u-42"))));

    [Fact]
    public void A_hash_is_accepted_in_upper_case_hex() =>
        Assert.Equal(IdentityCheck.Verified, Check(Site(), User("u-42", IdentityVerification.Sign(Secret, "u-42").ToUpperInvariant())));

    [Fact]
    public void A_hash_of_another_id_is_refused() =>
        Assert.Equal(IdentityCheck.Refused, Check(Site(), User("u-43", IdentityVerification.Sign(Secret, "u-42"))));

    [Fact]
    public void A_hash_made_with_another_secret_is_refused() =>
        Assert.Equal(IdentityCheck.Refused, Check(Site(), User("u-42", IdentityVerification.Sign("other", "u-42"))));

    [Fact]
    public void A_fresh_timestamped_hash_verifies_and_a_stale_one_is_refused()
    {
        var site = Site(maxAge: 600);
        var fresh = Now.AddMinutes(-5).ToUnixTimeSeconds();
        var stale = Now.AddMinutes(-11).ToUnixTimeSeconds();

        Assert.Equal(IdentityCheck.Verified, Check(site, User("u-42", IdentityVerification.Sign(Secret, $"u-42:{fresh}"), fresh)));
        Assert.Equal(IdentityCheck.Refused, Check(site, User("u-42", IdentityVerification.Sign(Secret, $"u-42:{stale}"), stale)));
    }

    [Fact]
    public void A_site_that_requires_timestamps_refuses_a_plain_hash() =>
        Assert.Equal(IdentityCheck.Refused,
            Check(Site(requireTimestamp: true), User("u-42", IdentityVerification.Sign(Secret, "u-42"))));

    [Fact]
    public void Without_a_hash_the_user_is_unverified_unless_the_site_requires_verification()
    {
        Assert.Equal(IdentityCheck.Unverified, Check(Site(), User("u-42", hash: null)));
        Assert.Equal(IdentityCheck.Refused, Check(Site(require: true), User("u-42", hash: null)));
    }

    [Fact]
    public void No_user_id_claims_nothing() =>
        Assert.Equal(IdentityCheck.NotClaimed, Check(Site(require: true), new WidgetUser(null, "Ann", null, null, null, null)));

    private IdentityCheck Check(Site site, WidgetUser user) => _verification.Check(site, user).Result;

    private static WidgetUser User(string id, string? hash, long? ts = null) => new(id, "Ann", "ann@example.com", null, hash, ts);

    private static Site Site(bool require = false, bool requireTimestamp = false, int maxAge = 600) => new()
    {
        Name = "Shop",
        SiteKey = "shop",
        IdentitySecret = Secret,
        RequireIdentityVerification = require,
        RequireTimestampedIdentity = requireTimestamp,
        IdentityMaxAgeSeconds = maxAge,
    };
}
