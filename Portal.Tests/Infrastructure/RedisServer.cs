using System.Diagnostics;
using System.Net.Sockets;

namespace Portal.Tests.Infrastructure;

/// <summary>A real Redis (Debian's <c>redis-server</c>) on a free loopback port, in memory only, stopped when disposed.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/redis-server";

    private Process _process;
    private bool _stopped;

    private RedisServer(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration for <c>Portal:Redis</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"This test needs Redis at {ExecutablePath}: run `apt-get install -y redis-server` (bash .ci/run does).");
        var port = LoopbackPorts.Free();
        var server = new RedisServer(await LaunchAsync(port), port);
        return server;
    }

    /// <summary>Stops the server (SIGKILL, as a crash would); everything it held is gone.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>Starts it again, empty, on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process = await LaunchAsync(Port);
        _stopped = false;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task<Process> LaunchAsync(int port)
    {
        var start = new ProcessStartInfo(ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return process;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }
}
