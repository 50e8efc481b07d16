using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>First start migrates and seeds; every later start on the same data leaves it alone (SPEC §3).</summary>
public sealed class StartupTasksTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task The_first_start_seeds_the_admin_the_demo_shop_its_agents_and_conversations()
    {
        using var admin = app.CreateApiClient(await app.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword));
        await app.LoginAsync(PortalAppFactory.Agent1Email, PortalAppFactory.AgentPassword);
        await app.LoginAsync(PortalAppFactory.Agent2Email, PortalAppFactory.AgentPassword);

        var sites = await admin.GetAsync<SiteSummary[]>("/api/v1/sites");
        var conversations = await admin.ConversationsAsync();

        Assert.Equal("Demo Shop", Assert.Single(sites, s => s.SiteKey == PortalAppFactory.DemoSiteKey).Name);
        Assert.Superset(new HashSet<string> { "王芳", "Emily Carter", "陳志明" }, conversations.Select(c => c.ContactName).ToHashSet());
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "portal.db")), "portal.db is not in the data directory.");
    }

    [Fact]
    public async Task Restarting_on_the_same_data_seeds_nothing_twice_and_keeps_the_admin_password()
    {
        var before = await CountAsync();

        await app.RestartAsync(new Dictionary<string, string?>
        {
            // A changed setting must not overwrite the password the admin already has.
            ["Portal:Bootstrap:AdminPassword"] = "Another-Pa55word",
            ["Portal:Demo:AgentPassword"] = "Another-Agent-Pa55",
        });

        Assert.Equal(before, await CountAsync());
        await app.LoginAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        await app.LoginAsync(PortalAppFactory.Agent1Email, PortalAppFactory.AgentPassword);
        using var client = app.CreateClient();
        using var refused = await client.PostJsonAsync("/api/v1/auth/login",
            new { email = PortalAppFactory.AdminEmail, password = "Another-Pa55word" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_visitor_keeps_their_conversation_across_a_restart()
    {
        var started = await app.StartConversationAsync("Are you still there after the update?");

        await app.RestartAsync();

        using var client = app.CreateClient();
        using var response = await client.PostJsonAsync("/api/v1/widget/sessions",
            new { siteKey = PortalAppFactory.DemoSiteKey, visitorToken = started.Session.VisitorToken });
        var resumed = await response.ReadAsync<WidgetSession>();
        Assert.Equal(started.Id, resumed.ConversationId);
        await using var widget = await app.ConnectWidgetAsync(resumed.VisitorToken);
        var history = await widget.InvokeAsync<ChatMessage[]>("History", 0L);
        Assert.Equal("Are you still there after the update?", Assert.Single(history).Text);
    }

    private async Task<(int Users, int Roles, int Sites, int Contacts, int Conversations, int Messages)> CountAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.Users.CountAsync(), await db.Roles.CountAsync(), await db.Sites.CountAsync(),
            await db.Contacts.CountAsync(), await db.Conversations.CountAsync(), await db.Messages.CountAsync());
    }
}
