using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>Behind a proxy named in Portal:ReverseProxy:TrustedProxies the customer's address counts; otherwise X-Forwarded-For is ignored.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReverseProxyTests(PortalAppFactory app)
{
    private const string ClientAddress = "203.0.113.7";

    [Fact]
    public async Task Behind_a_trusted_proxy_the_audit_log_records_the_forwarded_client_address()
    {
        var behindProxy = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:ReverseProxy:TrustedProxies:0"] = "127.0.0.1" });
        try
        {
            Assert.Equal(ClientAddress, await AuditedAddressOfATeamCreatedViaAsync(behindProxy));
        }
        finally
        {
            await behindProxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_trusted_proxies_a_forged_forwarded_address_is_ignored()
    {
        Assert.Equal("127.0.0.1", await AuditedAddressOfATeamCreatedViaAsync(app));
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_stops_the_app_at_start()
    {
        var failure = await Record.ExceptionAsync(() => PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:ReverseProxy:TrustedProxies:0"] = "nginx" }));

        Assert.NotNull(failure);
        Assert.Contains("Portal:ReverseProxy:TrustedProxies has 'nginx'", failure.ToString());
    }

    /// <summary>Creates a team as the admin with X-Forwarded-For set and returns the address its audit entry names.</summary>
    private static async Task<string?> AuditedAddressOfATeamCreatedViaAsync(PortalAppFactory portal)
    {
        using var admin = await portal.CreateApiClientAsync();
        var name = $"Proxy team {Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/routing/teams") { Content = JsonContent.Create(new { name }) };
        request.Headers.Add("X-Forwarded-For", ClientAddress);
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();
        var page = await admin.GetAsync<JsonElement>($"/api/v1/audit/?q={Uri.EscapeDataString(name)}");
        return page.GetProperty("items").EnumerateArray().Single().GetProperty("ipAddress").GetString();
    }
}
