using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A real nginx (Debian's <c>/usr/sbin/nginx</c>) in front of test nodes, running the shipped <c>deploy/nginx.conf</c> (and
/// the routing rules it includes) with
/// only what must differ on a test machine rewritten: the listen address, the upstream servers (the shipped file's nodes —
/// addresses or compose service names — in the order they first appear, become the given ports), and the paths of its log, pid and temp files (its own temp
/// directory). Stopped and deleted on dispose.
/// </summary>
public sealed partial class NginxServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _directory;

    private NginxServer(Process process, string directory, int port) =>
        (_process, _directory, BaseAddress) = (process, directory, new Uri($"http://127.0.0.1:{port}"));

    public Uri BaseAddress { get; }

    /// <summary>What nginx logged (warnings and errors), for a failing test's message.</summary>
    public string ErrorLog => File.Exists(ErrorLogPath(_directory)) ? File.ReadAllText(ErrorLogPath(_directory)) : "";

    /// <summary>
    /// Starts nginx on a free loopback port with a shipped configuration (<c>deploy/nginx.conf</c>, or
    /// <paramref name="shippedFile"/> such as <c>nginx-compose.conf</c>), changed by <paramref name="adjust"/> if given.
    /// </summary>
    public static async Task<NginxServer> StartAsync(IReadOnlyList<int> upstreamPorts, Func<string, string>? adjust = null, string shippedFile = "nginx.conf")
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"This test needs nginx at {ExecutablePath}: run `apt-get install -y nginx` (bash .ci/run does).");
        var directory = Path.Combine(Path.GetTempPath(), "portal-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = LoopbackPorts.Free();
        var shipped = await ShippedAsync(shippedFile);
        var configuration = Rewrite(shipped, directory, port, upstreamPorts);
        var configurationPath = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configurationPath, adjust is null ? configuration : adjust(configuration));

        await CheckAsync(configurationPath, directory);
        var start = new ProcessStartInfo(ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        // In the foreground, so this process is nginx's master and killing its tree stops the workers too.
        foreach (var argument in Arguments(configurationPath, directory).Concat(["-g", "daemon off;"]))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NginxServer(process, directory, port);
        await server.WaitUntilListeningAsync(port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A shipped configuration in deploy/ with the files it includes (the shared routing rules) written in place.</summary>
    private static async Task<string> ShippedAsync(string file)
    {
        var deploy = Path.Combine(PortalAppFactory.RepositoryRoot, "deploy");
        var configuration = await File.ReadAllTextAsync(Path.Combine(deploy, file));
        foreach (var include in IncludeDirective().Matches(configuration).Reverse())
            configuration = configuration[..include.Index]
                + await File.ReadAllTextAsync(Path.Combine(deploy, include.Groups["file"].Value))
                + configuration[(include.Index + include.Length)..];
        return configuration;
    }

    private static string Rewrite(string shipped, string directory, int port, IReadOnlyList<int> upstreamPorts)
    {
        var shippedNodes = UpstreamServer().Matches(shipped).Select(m => m.Groups["node"].Value).Distinct().ToList();
        if (shippedNodes.Count != upstreamPorts.Count)
            throw new InvalidOperationException(
                $"The shipped nginx configuration names {shippedNodes.Count} upstream nodes ({string.Join(", ", shippedNodes)}); the test has {upstreamPorts.Count}.");
        var configuration = UpstreamServer().Replace(shipped, m => $"server 127.0.0.1:{upstreamPorts[shippedNodes.IndexOf(m.Groups["node"].Value)]}");
        configuration = Replace(configuration, ListenDirective(), $"listen 127.0.0.1:{port};");
        configuration = Replace(configuration, ErrorLogDirective(), $"error_log {ErrorLogPath(directory)} warn;");
        configuration = Replace(configuration, PidDirective(), $"pid {Path.Combine(directory, "nginx.pid")};");
        configuration = TempPathDirective().Replace(configuration, m => $"{m.Groups["kind"].Value}_temp_path {Path.Combine(directory, m.Groups["kind"].Value)};");
        // Sized for a test, not for a sales day: the shipped limits would have each worker allocate ~45 MB up front.
        configuration = Replace(configuration, WorkerConnectionsDirective(), "worker_connections 4096;");
        configuration = Replace(configuration, RlimitDirective(), "worker_rlimit_nofile 10000;");
        // As root (CI), the workers run as the unprivileged user a package install would use, never as root.
        return Environment.UserName == "root" ? "user nobody nogroup;\n" + configuration : configuration;
    }

    private static string Replace(string configuration, Regex directive, string replacement) =>
        directive.IsMatch(configuration)
            ? directive.Replace(configuration, replacement, 1)
            : throw new InvalidOperationException($"The shipped nginx configuration no longer has a line matching {directive}; update {nameof(NginxServer)}.");

    private static IEnumerable<string> Arguments(string configurationPath, string directory) =>
        ["-c", configurationPath, "-p", directory + "/", "-e", ErrorLogPath(directory)];

    private static string ErrorLogPath(string directory) => Path.Combine(directory, "error.log");

    /// <summary><c>nginx -t</c>: a configuration nginx refuses fails here, with nginx's own words.</summary>
    private static async Task CheckAsync(string configurationPath, string directory)
    {
        var check = new ProcessStartInfo(ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t" }.Concat(Arguments(configurationPath, directory)))
            check.ArgumentList.Add(argument);
        using var process = Process.Start(check)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"nginx refused the test configuration {configurationPath}:\n{await errors}");
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited at start with code {_process.ExitCode}:\n{ErrorLog}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    [GeneratedRegex(@"(?m)^\s*include\s+(?<file>[^;\s]+);")]
    private static partial Regex IncludeDirective();

    [GeneratedRegex(@"server (?<node>[\w.-]+:\d+)")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"listen \d+;")]
    private static partial Regex ListenDirective();

    [GeneratedRegex(@"(?m)^error_log [^;]+;")]
    private static partial Regex ErrorLogDirective();

    [GeneratedRegex(@"(?m)^pid [^;]+;")]
    private static partial Regex PidDirective();

    [GeneratedRegex(@"(?<kind>client_body|proxy|fastcgi|uwsgi|scgi)_temp_path [^;]+;")]
    private static partial Regex TempPathDirective();

    [GeneratedRegex(@"worker_connections \d+;")]
    private static partial Regex WorkerConnectionsDirective();

    [GeneratedRegex(@"worker_rlimit_nofile \d+;")]
    private static partial Regex RlimitDirective();
}
