using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Features.Widget;

namespace Portal.Tests.Features.Widget;

public sealed class VisitorTokensTests
{
    private static readonly IDataProtectionProvider Keys = new EphemeralDataProtectionProvider();
    private static readonly VisitorIdentity Visitor = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

    [Fact]
    public void A_token_reads_back_as_the_visitor_it_was_issued_to()
    {
        var tokens = Tokens(new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.Equal(Visitor, tokens.Read(tokens.Issue(Visitor)));
    }

    [Fact]
    public void A_token_of_the_first_format_issued_before_an_upgrade_still_reads_as_its_visitor()
    {
        // The first format: the ids as text, protected by the same purpose — what widgets keep in localStorage from before.
        var firstFormat = Keys.CreateProtector("Portal.Widget.VisitorToken.v1").ToTimeLimitedDataProtector().Protect(
            $"{Visitor.SiteId:N}|{Visitor.ContactId:N}|{Visitor.ConversationId:N}", DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(Visitor, Tokens(new FakeTimeProvider(DateTimeOffset.UtcNow)).Read(firstFormat));
    }

    [Fact]
    public void A_token_is_about_200_characters_so_idle_connections_keep_less()
    {
        var token = Tokens(new FakeTimeProvider(DateTimeOffset.UtcNow)).Issue(Visitor);

        Assert.InRange(token.Length, 150, 210);
    }

    [Fact]
    public void An_expired_token_is_refused()
    {
        var issuedLongAgo = Tokens(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-91)));
        var now = Tokens(new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.Null(now.Read(issuedLongAgo.Issue(Visitor)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_forged_or_damaged_token_is_refused(string token) =>
        Assert.Null(Tokens(new FakeTimeProvider(DateTimeOffset.UtcNow)).Read(token));

    [Fact]
    public void A_token_from_another_installation_is_refused()
    {
        var elsewhere = new VisitorTokens(new EphemeralDataProtectionProvider(), Options.Create(new WidgetOptions()), TimeProvider.System);

        Assert.Null(Tokens(TimeProvider.System).Read(elsewhere.Issue(Visitor)));
    }

    private static VisitorTokens Tokens(TimeProvider clock) =>
        new(Keys, Options.Create(new WidgetOptions { VisitorTokenLifetime = TimeSpan.FromDays(90) }), clock);
}
