using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Widget;

[Collection(ApiCollection.Name)]
public sealed class WidgetSessionTests(PortalAppFactory app)
{
    private const string Sessions = "/api/v1/widget/sessions";

    [Fact]
    public async Task A_new_visitor_gets_a_visitor_token_and_a_conversation_of_their_own()
    {
        var first = await app.StartWidgetSessionAsync();
        var second = await app.StartWidgetSessionAsync();

        Assert.False(string.IsNullOrEmpty(first.VisitorToken));
        Assert.NotEqual(Guid.Empty, first.ConversationId);
        Assert.NotEqual(first.ConversationId, second.ConversationId);
    }

    [Fact]
    public async Task Resuming_with_the_returned_token_gives_the_same_conversation()
    {
        var first = await app.StartWidgetSessionAsync();
        using var client = app.CreateClient();

        using var response = await client.PostJsonAsync(Sessions, new { siteKey = PortalAppFactory.DemoSiteKey, visitorToken = first.VisitorToken });

        var resumed = await response.ReadAsync<WidgetSession>();
        Assert.Equal(first.ConversationId, resumed.ConversationId);
    }

    [Fact]
    public async Task An_unknown_site_key_is_refused_with_a_problem()
    {
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync(Sessions, new { siteKey = "no-such-shop" });

        await response.AssertValidationErrorAsync("siteKey");
    }

    [Fact]
    public async Task A_missing_site_key_is_refused_with_a_validation_problem()
    {
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync(Sessions, new { });

        var errors = await response.AssertValidationErrorAsync("siteKey");
        Assert.Contains("required", errors[0]);
    }

    [Fact]
    public async Task A_garbage_visitor_token_is_refused_with_a_401_problem()
    {
        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync(Sessions, new { siteKey = PortalAppFactory.DemoSiteKey, visitorToken = "garbage" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_malformed_json_body_is_a_400_not_a_500()
    {
        using var client = app.CreateClient();
        using var response = await client.PostRawJsonAsync(Sessions, "{\"siteKey\": demo-shop}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
