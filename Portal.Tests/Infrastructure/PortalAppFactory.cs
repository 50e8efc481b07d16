using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real Portal app on Kestrel on a free loopback port, with the repository root as content root
/// (the root appsettings.json and wwwroot/) and a fresh data directory of its own (deleted on dispose).
/// Shared by the tests of a collection: tests make their own widget sessions and conversations.
/// </summary>
public sealed class PortalAppFactory : IAsyncLifetime
{
    public const string AdminEmail = "admin@portal.local";
    public const string AdminPassword = "Admin-Test-Pa55";
    public const string DemoSiteKey = "demo-shop";
    public const string AgentPassword = "Agent123!";
    public const string Agent1Email = "agent1@portal.local";
    public const string Agent2Email = "agent2@portal.local";
    public const string WidgetHubPath = "/hubs/widget";
    public const string AgentHubPath = "/hubs/agent";

    private static readonly SemaphoreSlim StartGate = new(1, 1);

    private readonly Dictionary<string, string?> _settings;
    private readonly IConfigurationSource? _lastConfigurationSource;
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();
    private KestrelPortal? _app;

    public PortalAppFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    private PortalAppFactory(IReadOnlyDictionary<string, string?> extraSettings, IConfigurationSource? lastConfigurationSource = null)
    {
        _lastConfigurationSource = lastConfigurationSource;
        DataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        _settings = new()
        {
            ["Portal:DataDirectory"] = DataDirectory,
            ["Portal:Bootstrap:AdminEmail"] = AdminEmail,
            ["Portal:Bootstrap:AdminPassword"] = AdminPassword,
            ["Portal:Demo:SiteKey"] = DemoSiteKey,
            ["Portal:Demo:AgentPassword"] = AgentPassword,
            ["Portal:Widget:SessionsPerIpPerMinute"] = "1000000",
            // Tests send bursts (50 senders into one conversation); the flood limits have a test of their own.
            ["Portal:FloodLimits:CustomerMessagesPerMinute"] = "100000",
            ["Portal:FloodLimits:AgentMessagesPerMinute"] = "100000",
            // The shared apps test people's conversations (routing, seq order); the bot's tests start apps with it on.
            ["Portal:Bot:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // Expected on every test start: the test binds its own port, and keys are kept unencrypted on disk.
            ["Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        foreach (var (key, value) in extraSettings)
            _settings[key] = value;
    }

    /// <summary>
    /// A running app of a test's own, for settings the shared apps must not have; dispose it at the end.
    /// <paramref name="lastConfigurationSource"/> is added after every other source, so the app asks it first for every key.
    /// </summary>
    public static async Task<PortalAppFactory> StartAsync(IReadOnlyDictionary<string, string?> settings, IConfigurationSource? lastConfigurationSource = null)
    {
        var app = new PortalAppFactory(settings, lastConfigurationSource);
        await app.InitializeAsync();
        return app;
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Holds portal.db, hangfire.db and the Data Protection keys; survives <see cref="RestartAsync"/>.</summary>
    public string DataDirectory { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => Running.Services;

    private KestrelPortal Running => _app ?? throw new InvalidOperationException("The app is not running.");

    public Task InitializeAsync() => StartServerAsync();

    /// <summary>Stops the app and starts it again on the same data directory, optionally with changed settings.</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string?>? changedSettings = null)
    {
        await StopServerAsync();
        foreach (var (key, value) in changedSettings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        await StartServerAsync();
    }

    public async Task DisposeAsync()
    {
        await StopServerAsync();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public HttpClient CreateApiClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Signs in through <c>POST /api/v1/auth/login</c> and returns the bearer access token.</summary>
    public async Task<string> LoginAsync(string email, string password)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.True(response.IsSuccessStatusCode, $"Login of {email} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var tokens = await response.Content.ReadFromJsonAsync<AccessTokens>(Json.Options);
        return tokens!.AccessToken;
    }

    /// <summary>A bearer token for a seeded account, signed in once per app start and then reused.</summary>
    public Task<string> TokenForAsync(string email) =>
        _tokens.GetOrAdd(email, e => LoginAsync(e, e == AdminEmail ? AdminPassword : AgentPassword));

    public async Task<HttpClient> CreateApiClientAsync(string email = AdminEmail) => CreateApiClient(await TokenForAsync(email));

    /// <summary>Starts a new visitor's widget session on a site (the demo shop unless told otherwise).</summary>
    public async Task<WidgetSession> StartWidgetSessionAsync(string siteKey = DemoSiteKey)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/widget/sessions", new { siteKey });
        Assert.True(response.IsSuccessStatusCode, $"Starting a widget session failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<WidgetSession>(Json.Options))!;
    }

    /// <summary>A new visitor on the demo shop who has written one message, so agents see the conversation.</summary>
    public async Task<StartedConversation> StartConversationAsync(string text = "Hello, I have a question about my order.")
    {
        var session = await StartWidgetSessionAsync();
        await using var widget = await ConnectWidgetAsync(session.VisitorToken);
        var first = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), text);
        return new StartedConversation(session, first);
    }

    public Task<HubConnection> ConnectWidgetAsync(string visitorToken) => ConnectAsync(WidgetHubPath, visitorToken);

    public Task<HubConnection> ConnectAgentAsync(string accessToken) => ConnectAsync(AgentHubPath, accessToken);

    /// <summary>A hub connection that is not started yet, for tests that watch the start itself.</summary>
    public HubConnection BuildHubConnection(string path, string? accessToken) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, path), options =>
            {
                if (accessToken is not null)
                    options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();

    /// <summary>The id of a user, read from the app's own user store.</summary>
    public async Task<string> UserIdAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        return user?.Id ?? throw new InvalidOperationException($"There is no user {email}.");
    }

    private async Task<HubConnection> ConnectAsync(string path, string accessToken)
    {
        var connection = BuildHubConnection(path, accessToken);
        await connection.StartAsync();
        await HubReadiness.JoinedAsync(connection, path);
        return connection;
    }

    private async Task StartServerAsync()
    {
        TrainedIntentModel.InstallInto(DataDirectory);
        var app = new KestrelPortal(RepositoryRoot, _settings, _lastConfigurationSource);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // StartServer runs the app's Program (migrations and seeding included) and blocks until it serves.
        // One start at a time: Hangfire keeps its storage in a process-wide static while an app starts, so two apps
        // starting together in this one test process could each end up with the other's storage.
        await StartGate.WaitAsync();
        try
        {
            await Task.Run(app.StartServer);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        finally
        {
            StartGate.Release();
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single());
        _app = app;
    }

    private async Task StopServerAsync()
    {
        _tokens.Clear();
        if (_app is null)
            return;
        await _app.DisposeAsync();
        _app = null;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"Portal.sln was not found above {AppContext.BaseDirectory}.");
    }

    private sealed class KestrelPortal(string contentRoot, IReadOnlyDictionary<string, string?> settings, IConfigurationSource? lastSource)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Production, as an operator runs it: problem details instead of developer pages.
            builder.UseEnvironment("Production");
            builder.UseContentRoot(contentRoot);
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            if (lastSource is not null)
                builder.ConfigureAppConfiguration(configuration => configuration.Add(lastSource));
        }
    }
}
