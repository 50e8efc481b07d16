using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) started on loopback with a scrape configuration, stopped and
/// deleted with its data when disposed.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, Uri address)
    {
        (_process, _directory) = (process, directory);
        _http = new HttpClient { BaseAddress = address };
    }

    /// <summary>
    /// Starts Prometheus with <paramref name="configuration"/> (YAML) and the files it refers to (by name, e.g. rule files)
    /// and returns once it answers as ready.
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(string configuration, IReadOnlyDictionary<string, string>? files = null)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"This test needs Prometheus at {ExecutablePath}: run `apt-get install -y prometheus` (bash .ci/run does).");
        var directory = Directory.CreateTempSubdirectory("portal-prometheus-").FullName;
        var configFile = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, configuration);
        foreach (var (name, content) in files ?? new Dictionary<string, string>())
            await File.WriteAllTextAsync(Path.Combine(directory, name), content);
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList =
            {
                $"--config.file={configFile}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>An instant PromQL query through the HTTP API; the whole answer (<c>{status, data:{resultType, result}}</c>).</summary>
    public async Task<JsonElement> QueryAsync(string promQl)
    {
        using var response = await _http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promQl)}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Queries until the result has at least one series (Prometheus scrapes on its own interval), or 60 s have passed.</summary>
    public async Task<JsonElement> QueryUntilFoundAsync(string promQl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var answer = await QueryAsync(promQl);
            if (answer.GetProperty("data").GetProperty("result").GetArrayLength() > 0 || DateTime.UtcNow > deadline)
                return answer;
            await Task.Delay(500);
        }
    }

    /// <summary>The scrape targets as Prometheus sees them (health, last error).</summary>
    public async Task<string> TargetsAsync() => await _http.GetStringAsync("/api/v1/targets");

    /// <summary>The loaded alerting and recording rules (<c>/api/v1/rules</c>: groups, each rule's query, health and last error).</summary>
    public async Task<JsonElement> RulesAsync() => JsonDocument.Parse(await _http.GetStringAsync("/api/v1/rules")).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Prometheus exited at start with code {_process.ExitCode}.");
            try
            {
                using var ready = await _http.GetAsync("/-/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Prometheus was not ready within 30 s.");
            await Task.Delay(200);
        }
    }
}
