using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Deploy;

/// <summary>
/// nginx as deploy/docker-compose.yml runs it: nginx-compose.conf with the shared nginx-portal.conf beside it, checked
/// with the real nginx (Debian's, as .ci/run installs it) in front of a real node.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed partial class ComposeNginxTests(DeployedPortal portal)
{
    private const string Nginx = "/usr/sbin/nginx";
    private const string ConfigDirectory = "/etc/nginx";

    [Fact]
    public void Compose_mounts_the_nginx_config_where_nginx_reads_it_and_its_includes_beside_it()
    {
        var mounts = DeployFiles.Compose().Map("services").Map("nginx").Scalars("volumes")
            .Select(volume => volume.Split(':'))
            .ToDictionary(parts => parts[1], parts => Path.GetFullPath(Path.Combine(DeployFiles.Deploy, parts[0])));

        Assert.Equal(Path.Combine(DeployFiles.Deploy, "nginx-compose.conf"), mounts[$"{ConfigDirectory}/nginx.conf"]);
        foreach (var include in Includes(File.ReadAllText(mounts[$"{ConfigDirectory}/nginx.conf"])))
        {
            Assert.True(mounts.TryGetValue($"{ConfigDirectory}/{include}", out var source), $"nginx includes {include}, which compose does not mount.");
            Assert.True(File.Exists(source), $"{source} does not exist.");
        }
    }

    [Fact]
    public async Task The_nginx_config_for_nodes_on_one_machine_passes_nginx_t()
    {
        var (exitCode, output) = await RunNginxAsync("-t", "-c", Path.Combine(DeployFiles.Deploy, "nginx.conf"));
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task The_compose_nginx_passes_nginx_t_and_serves_a_node_but_not_its_metrics()
    {
        // NginxServer checks the configuration with nginx -t (failing with nginx's own words) before it starts it, with
        // the compose services' names pointing at the node.
        var node = portal.App.BaseAddress.Port;
        await using var nginx = await NginxServer.StartAsync(DeployFiles.ComposePortalServices().Keys.Select(_ => node).ToList(), shippedFile: "nginx-compose.conf");
        using var http = new HttpClient { BaseAddress = nginx.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, await StatusOnceNginxAnswersAsync(http, "/readyz"));
        using var demo = await http.GetAsync("/demo");
        Assert.Equal(HttpStatusCode.OK, demo.StatusCode);
        Assert.Equal("text/html", demo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/widget.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
    }

    private static async Task<HttpStatusCode> StatusOnceNginxAnswersAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return (await http.GetAsync(path)).StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunNginxAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Nginx), $"These tests need nginx at {Nginx}: run `apt-get install -y nginx` (bash .ci/run does).");
        var start = new ProcessStartInfo(Nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    private static IEnumerable<string> Includes(string config) => Include().Matches(config).Select(m => m.Groups["file"].Value);

    [GeneratedRegex(@"^\s*include\s+(?<file>[^;\s]+);", RegexOptions.Multiline)]
    private static partial Regex Include();
}
