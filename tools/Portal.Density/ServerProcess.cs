using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Portal.Density;

/// <summary>A server under test in its own process, started from the repository and killed at the end.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public int Pid => _process.Id;

    /// <summary>Resident memory now, from /proc.</summary>
    public long ResidentBytes() => Portal.LoadGen.ServerSampler.ResidentBytesOf(Pid);

    public static async Task<ServerProcess> StartAsync(ServerSetup setup, Workspace workspace, int port, string? portalData, CancellationToken ct)
    {
        var start = setup.Kind switch
        {
            ServerKind.Portal => PortalStart(workspace, port, portalData ?? throw new ArgumentNullException(nameof(portalData))),
            ServerKind.BareHub => new ProcessStartInfo("dotnet") { ArgumentList = { typeof(BareHub).Assembly.Location, "bare-hub", port.ToString(CultureInfo.InvariantCulture) } },
            _ => new ProcessStartInfo("node") { ArgumentList = { Path.Combine(workspace.ToolDirectory, "node", "ws-server.mjs"), port.ToString(CultureInfo.InvariantCulture) } },
        };
        setup.ApplyGc(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var log = workspace.LogFor(setup, port);
        process.OutputDataReceived += (_, e) => log(e.Data);
        process.ErrorDataReceived += (_, e) => log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port);
        try
        {
            await server.WaitUntilListeningAsync(setup.Kind == ServerKind.Portal ? "/readyz" : null, ct);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    /// <summary>
    /// Portal as a shop runs it (Release build, SQLite, demo data), with the widget session limit per address lifted:
    /// every simulated customer comes from the same few addresses.
    /// </summary>
    private static ProcessStartInfo PortalStart(Workspace workspace, int port, string dataDirectory) => new("dotnet")
    {
        WorkingDirectory = workspace.RepositoryRoot,
        ArgumentList =
        {
            workspace.PortalDll,
            $"--urls=http://127.0.0.1:{port}",
            $"--Portal:DataDirectory={dataDirectory}",
            $"--Portal:Bootstrap:AdminPassword={Workspace.AdminPassword}",
            "--Portal:Widget:SessionsPerIpPerMinute=1000000",
            "--Logging:LogLevel:Default=Warning",
        },
    };

    private async Task WaitUntilListeningAsync(string? readyPath, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} before it listened; see its log.");
            try
            {
                if (readyPath is null)
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", Port, ct);
                    return;
                }
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{Port}{readyPath}"), ct)).IsSuccessStatusCode)
                    return;
            }
            catch (Exception ex) when (ex is SocketException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException("The server did not listen within 2 minutes.");
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
