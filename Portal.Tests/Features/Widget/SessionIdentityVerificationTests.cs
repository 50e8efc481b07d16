using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Sites;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Widget;

/// <summary>
/// Widget sessions for a shop that vouches for its signed-in customer with an HMAC of their id (SPEC §4.3, setUser),
/// end to end through <c>POST /api/v1/widget/sessions</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionIdentityVerificationTests(PortalAppFactory app)
{
    private const string Secret = "shop-identity-secret-for-tests";

    [Fact]
    public async Task A_correct_identity_hash_is_accepted_and_the_contact_is_marked_verified()
    {
        var siteKey = await CreateSiteAsync(requireVerification: true);

        using var response = await StartAsync(siteKey, new { id = "customer-42", name = "Ada", hash = Sign("customer-42") });

        var session = await response.ReadAsync<WidgetSession>();
        var contact = await ContactOfAsync(session.ConversationId);
        Assert.True(contact.IdentityVerified);
        Assert.Equal("customer-42", contact.ExternalId);
        Assert.Equal("Ada", contact.Name);
    }

    [Fact]
    public async Task A_wrong_identity_hash_is_refused_with_403()
    {
        var siteKey = await CreateSiteAsync(requireVerification: true);

        using var forged = await StartAsync(siteKey, new { id = "customer-42", hash = Sign("customer-43") });
        using var garbage = await StartAsync(siteKey, new { id = "customer-42", hash = "not-a-hash" });

        var problem = await forged.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("does not match", problem.GetProperty("detail").GetString());
        await garbage.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_user_without_a_hash_is_refused_where_the_site_requires_verification()
    {
        var siteKey = await CreateSiteAsync(requireVerification: true);

        using var response = await StartAsync(siteKey, new { id = "customer-42" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_fresh_timestamped_hash_is_accepted()
    {
        var siteKey = await CreateSiteAsync(requireVerification: true, requireTimestamp: true);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await StartAsync(siteKey, new { id = "customer-7", hash = Sign($"customer-7:{ts}"), ts });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_stale_timestamped_hash_is_refused_with_403_so_a_leaked_hash_cannot_be_replayed()
    {
        var siteKey = await CreateSiteAsync(requireVerification: true, requireTimestamp: true);
        var ts = DateTimeOffset.UtcNow.AddMinutes(-11).ToUnixTimeSeconds();

        using var response = await StartAsync(siteKey, new { id = "customer-7", hash = Sign($"customer-7:{ts}"), ts });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_hash_without_a_timestamp_is_refused_where_the_site_requires_one()
    {
        var siteKey = await CreateSiteAsync(requireVerification: true, requireTimestamp: true);

        using var response = await StartAsync(siteKey, new { id = "customer-7", hash = Sign("customer-7") });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_verified_customer_finds_their_conversation_again_on_another_device()
    {
        var siteKey = await CreateSiteAsync(requireVerification: true);
        var user = new { id = "customer-99", hash = Sign("customer-99") };

        var laptop = await (await StartAsync(siteKey, user)).ReadAsync<WidgetSession>();
        var phone = await (await StartAsync(siteKey, user)).ReadAsync<WidgetSession>();

        Assert.Equal(laptop.ConversationId, phone.ConversationId);
    }

    [Fact]
    public async Task A_visitor_token_of_one_site_does_not_open_a_session_on_another()
    {
        var demoVisitor = await app.StartWidgetSessionAsync();
        var otherSite = await CreateSiteAsync(requireVerification: false);
        using var client = app.CreateClient();

        using var response = await client.PostJsonAsync("/api/v1/widget/sessions", new { siteKey = otherSite, visitorToken = demoVisitor.VisitorToken });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string Sign(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(value)));

    private async Task<HttpResponseMessage> StartAsync(string siteKey, object user)
    {
        using var client = app.CreateClient();
        return await client.PostJsonAsync("/api/v1/widget/sessions", new { siteKey, user });
    }

    /// <summary>A shop of its own for one test, so settings never leak into another test.</summary>
    private async Task<string> CreateSiteAsync(bool requireVerification, bool requireTimestamp = false)
    {
        var siteKey = $"shop-{Guid.NewGuid():N}";
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.Sites.Add(new Site
        {
            Name = "Verified Shop",
            SiteKey = siteKey,
            IdentitySecret = Secret,
            RequireIdentityVerification = requireVerification,
            RequireTimestampedIdentity = requireTimestamp,
            IdentityMaxAgeSeconds = 600,
        });
        await db.SaveChangesAsync();
        return siteKey;
    }

    private async Task<Portal.Features.Contacts.Contact> ContactOfAsync(Guid conversationId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        return await db.Contacts.SingleAsync(c => c.Id == conversation.ContactId);
    }
}
