using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Sites;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Widget;

/// <summary>A site that lists its origins gets the widget only there (SPEC §6), so another page cannot pose as the shop.</summary>
[Collection(HubsCollection.Name)]
public sealed class AllowedOriginsTests(PortalAppFactory app)
{
    private const string ShopOrigin = "https://shop.example";
    private const string OtherOrigin = "https://elsewhere.example";

    [Fact]
    public async Task A_session_from_an_origin_the_site_does_not_list_is_refused_with_403()
    {
        var siteKey = await CreateSiteAsync();

        using var refused = await StartSessionAsync(siteKey, OtherOrigin);
        using var allowed = await StartSessionAsync(siteKey, ShopOrigin);

        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task A_widget_connection_from_an_origin_the_site_does_not_list_cannot_send()
    {
        var siteKey = await CreateSiteAsync();
        using var response = await StartSessionAsync(siteKey, ShopOrigin);
        var session = await response.ReadAsync<WidgetSession>();
        await using var widget = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, PortalAppFactory.WidgetHubPath), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(session.VisitorToken);
                options.Headers["Origin"] = OtherOrigin;
            })
            .Build();

        // The server cuts the connection off as it opens; whether that lands in StartAsync or in Send is timing.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await widget.StartAsync();
            await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Posing as the shop");
        });

        Assert.Equal(HubConnectionState.Disconnected, widget.State);
        using var api = await app.CreateApiClientAsync();
        Assert.Empty(await api.MessagesAsync(session.ConversationId));
    }

    private async Task<HttpResponseMessage> StartSessionAsync(string siteKey, string origin)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/widget/sessions")
        {
            Content = JsonContent.Create(new { siteKey }),
        };
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    private async Task<string> CreateSiteAsync()
    {
        var siteKey = $"shop-{Guid.NewGuid():N}";
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.Sites.Add(new Site { Name = "Origin Shop", SiteKey = siteKey, IdentitySecret = "unused", AllowedOrigins = [ShopOrigin] });
        await db.SaveChangesAsync();
        return siteKey;
    }
}
