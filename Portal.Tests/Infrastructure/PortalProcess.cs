using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Portal as an operating-system process of its own (<c>dotnet Portal.dll</c>, the build beside the tests) on a loopback
/// port, for what only a real process shows: being killed with SIGKILL, several nodes side by side. Its settings are
/// command-line arguments; the repository root is its content root, as with <c>dotnet run</c>.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private const string MetricsPath = "/metrics";

    private const int KeptOutputLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PortalProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (warnings and errors: tests start it at log level Warning), for a failure's message.</summary>
    public string RecentOutput => string.Join('\n', _output);

    /// <summary>Starts Portal on <paramref name="dataDirectory"/> (given the trained shipped intent model) and returns once /readyz answers 200.</summary>
    public static async Task<PortalProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, int? port = null)
    {
        TrainedIntentModel.InstallInto(dataDirectory);
        var address = new Uri($"http://127.0.0.1:{port ?? LoopbackPorts.Free()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = PortalAppFactory.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        var arguments = new Dictionary<string, string?>
        {
            ["urls"] = address.ToString().TrimEnd('/'),
            ["Portal:DataDirectory"] = dataDirectory,
            ["Portal:Bootstrap:AdminEmail"] = PortalAppFactory.AdminEmail,
            ["Portal:Bootstrap:AdminPassword"] = PortalAppFactory.AdminPassword,
            ["Portal:Demo:AgentPassword"] = PortalAppFactory.AgentPassword,
            ["Portal:Widget:SessionsPerIpPerMinute"] = "1000000",
            ["Portal:FloodLimits:CustomerMessagesPerMinute"] = "100000",
            ["Portal:Bot:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            arguments[key] = value;
        foreach (var (key, value) in arguments)
            start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start)!;
        var portal = new PortalProcess(process, address);
        process.OutputDataReceived += (_, e) => portal.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await portal.WaitUntilReadyAsync();
        return portal;
    }

    public Task<WidgetSession> StartWidgetSessionAsync() => StartWidgetSessionAsync(BaseAddress);

    /// <summary>A new visitor of the demo site, through <paramref name="baseAddress"/> (a node, or a proxy in front of nodes).</summary>
    public static async Task<WidgetSession> StartWidgetSessionAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsJsonAsync("/api/v1/widget/sessions", new { siteKey = PortalAppFactory.DemoSiteKey });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WidgetSession>(Json.Options))!;
    }

    public HttpClient CreateApiClient(string accessToken) =>
        new() { BaseAddress = BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", accessToken) } };

    /// <summary>Signs in through <c>POST /api/v1/auth/login</c> and returns the bearer access token.</summary>
    public Task<string> LoginAsync(string email, string password) => LoginAsync(BaseAddress, email, password);

    /// <inheritdoc cref="LoginAsync(string, string)"/>
    public static async Task<string> LoginAsync(Uri baseAddress, string email, string password)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A started connection to one of the hubs (the visitor token for /hubs/widget, a bearer token for /hubs/agent).</summary>
    public async Task<HubConnection> ConnectAsync(string hubPath, string accessToken)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, hubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken))
            .Build();
        await hub.StartAsync();
        await HubReadiness.JoinedAsync(hub, hubPath);
        return hub;
    }

    /// <summary>This node's own <c>/metrics</c> (straight to the node, not through a proxy).</summary>
    public async Task<PrometheusText> ScrapeMetricsAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        return PrometheusText.Parse(await http.GetStringAsync(MetricsPath));
    }

    /// <summary>SIGKILL: the process ends at once, with no shutdown of any kind (a crashed node, a pulled plug).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines)
            _output.TryDequeue(out _);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Portal exited at start with code {_process.ExitCode}:\n{RecentOutput}");
            try
            {
                using var ready = await http.GetAsync("/readyz");
                if (ready.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Portal was not ready within 90 s:\n{RecentOutput}");
            await Task.Delay(200);
        }
    }
}
