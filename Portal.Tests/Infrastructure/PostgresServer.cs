using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server of the test's own (Debian's <c>postgresql</c> binaries): a fresh cluster in a temp directory,
/// listening on a free loopback port with trust authentication, stopped and deleted on dispose.
/// PostgreSQL refuses to run as root, so when the tests run as root the cluster belongs to the package's <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    private const string SystemUser = "postgres";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-tests", "pg-" + Guid.NewGuid().ToString("N"));
    private string _binaries = "";
    private bool _started;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    private static bool RunningAsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        Directory.CreateDirectory(_root);
        if (RunningAsRoot)
            await RunAsync("chown", [SystemUser, _root]);
        Port = FreeLoopbackPort();
        await RunPostgresToolAsync("initdb", ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        // The unix socket goes into the cluster's own directory: the default /var/run/postgresql may not exist or be writable.
        await RunPostgresToolAsync("pg_ctl",
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
             "-o", $"-p {Port} -h 127.0.0.1 -k {_root} -c fsync=off -c max_connections=200", "start"]);
        _started = true;
    }

    /// <summary>Creates an empty database and returns the connection string an app uses for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
    }.ToString();

    /// <summary>Stops the server at once, as if it had gone away; its files stay until dispose.</summary>
    public async Task StopAsync()
    {
        if (!_started)
            return;
        await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        _started = false;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "postgres"))).Order().ToArray()
            : [];
        if (versions.Length == 0)
            throw new InvalidOperationException(
                "The PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin; install them with `apt-get install -y postgresql` (.ci/run does).");
        return Path.Combine(versions[^1], "bin");
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binaries, tool);
        return RunningAsRoot ? RunAsync("runuser", ["-u", SystemUser, "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with {process.ExitCode}:\n{await output}\n{await error}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
