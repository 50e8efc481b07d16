using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>
/// Two Portal nodes on one PostgreSQL database and a real Redis, for tests that kill nodes (<see cref="FailoverTests"/>):
/// a test starts by <see cref="BothRunningAsync"/>, which brings back a node an earlier test killed, and puts its own
/// nginx in front (<see cref="StartNginxAsync"/>), so no proxy remembers an earlier test's dead node.
/// </summary>
public sealed class NodesBehindNginx : IAsyncLifetime
{
    private readonly string _dataDirectoryA = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly string _dataDirectoryB = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly PostgresServer _postgres = new();
    private RedisServer _redis = null!;
    private Dictionary<string, string?> _settings = [];

    public PortalProcess A { get; private set; } = null!;
    public PortalProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _redis = await RedisServer.StartAsync();
        _settings = new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = await _postgres.CreateDatabaseAsync("portal"),
            ["Portal:Redis"] = _redis.Configuration,
            // As deploy/README says: the nodes believe nginx's X-Forwarded-For.
            ["Portal:ReverseProxy:TrustedProxies:0"] = "127.0.0.1",
            // The shipped flood limit, not the test default: the tests send as many customers within it would.
            ["Portal:FloodLimits:CustomerMessagesPerMinute"] = "30",
        };
        A = await PortalProcess.StartAsync(_dataDirectoryA, _settings);
        B = await PortalProcess.StartAsync(_dataDirectoryB, _settings);
    }

    /// <summary>Starts again, on its own data directory, whichever node an earlier test killed.</summary>
    public async Task BothRunningAsync()
    {
        if (A.HasExited)
        {
            await A.DisposeAsync();
            A = await PortalProcess.StartAsync(_dataDirectoryA, _settings);
        }
        if (B.HasExited)
        {
            await B.DisposeAsync();
            B = await PortalProcess.StartAsync(_dataDirectoryB, _settings);
        }
    }

    /// <summary>The shipped deploy/nginx.conf in front of both nodes.</summary>
    public Task<NginxServer> StartNginxAsync(Func<string, string>? adjust = null) =>
        NginxServer.StartAsync([A.BaseAddress.Port, B.BaseAddress.Port], adjust);

    /// <summary>The node of the two that is not <paramref name="node"/>.</summary>
    public PortalProcess Other(PortalProcess node) => node == A ? B : A;

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
        Directory.Delete(_dataDirectoryA, recursive: true);
        Directory.Delete(_dataDirectoryB, recursive: true);
    }
}
