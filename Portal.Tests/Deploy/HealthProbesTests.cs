using System.Net;
using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Deploy;

/// <summary>The health checks the image, the compose file and the Kubernetes Deployment name exist and mean what they are used for.</summary>
[Collection(DeployCollection.Name)]
public sealed partial class HealthProbesTests(DeployedPortal portal)
{
    [Fact]
    public async Task Every_probe_the_image_and_the_deployment_name_answers_healthy_on_a_running_node()
    {
        var probes = KubernetesProbes().Values.Select(p => p.Path).Append(ImageHealthCheckPath()).Distinct().ToList();
        using var http = portal.App.CreateClient();
        foreach (var path in probes)
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}.");
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task When_redis_goes_away_readiness_takes_the_node_out_but_liveness_keeps_it_running()
    {
        var probes = KubernetesProbes();
        await using var redis = await RedisServer.StartAsync();
        var node = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:Redis"] = redis.Configuration });
        try
        {
            using var http = node.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(probes["readinessProbe"].Path)).StatusCode);

            await redis.StopAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOnceItIsNotAsync(http, probes["readinessProbe"].Path, HttpStatusCode.OK));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(probes["livenessProbe"].Path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(probes["startupProbe"].Path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ImageHealthCheckPath())).StatusCode);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_started_while_redis_is_down_runs_not_ready_and_becomes_ready_once_redis_is_back()
    {
        var probes = KubernetesProbes();
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync();
        // A Redis restart or failover while a pod (re)starts: the node must come up, not crash-loop.
        var node = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:Redis"] = redis.Configuration });
        try
        {
            using var http = node.CreateClient();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(probes["readinessProbe"].Path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(probes["livenessProbe"].Path)).StatusCode);

            await redis.RestartAsync();

            Assert.Equal(HttpStatusCode.OK, await StatusOnceItIsNotAsync(http, probes["readinessProbe"].Path, HttpStatusCode.ServiceUnavailable));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public void Probes_health_check_service_and_nginx_use_the_port_the_image_listens_on()
    {
        var port = DeployFiles.ImagePort();
        Assert.Contains(DeployFiles.RuntimeStage(), i => i == ("EXPOSE", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", ImageHealthCheck());

        var container = DeployFiles.PortalContainer();
        var containerPorts = container.Maps("ports").ToDictionary(p => p.Scalar("name"), p => p.Integer("containerPort"));
        foreach (var (kind, probe) in KubernetesProbes())
            Assert.True(containerPorts.TryGetValue(probe.Port, out var probePort) && probePort == port, $"{kind} asks port {probe.Port}, not {port}.");
        var targetPort = DeployFiles.Manifest("Service").Map("spec").Maps("ports").Single().Scalar("targetPort");
        Assert.Equal(port, containerPorts[targetPort]);

        var upstreams = NginxUpstreamServer().Matches(File.ReadAllText(Path.Combine(DeployFiles.Deploy, "nginx-compose.conf")))
            .Select(m => (Host: m.Groups["host"].Value, Port: int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(upstreams);
        Assert.All(upstreams, u => Assert.Equal(port, u.Port));
        Assert.Equal(DeployFiles.ComposePortalServices().Keys.Order(), upstreams.Select(u => u.Host).Distinct().Order());
    }

    /// <summary><paramref name="path"/>'s status once it is no longer <paramref name="status"/>, or after 15 s.</summary>
    private static async Task<HttpStatusCode> StatusOnceItIsNotAsync(HttpClient http, string path, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode now;
        while ((now = (await http.GetAsync(path)).StatusCode) == status && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        return now;
    }

    /// <summary>The Deployment's probes: kind (startupProbe, …) → the path and port name they ask.</summary>
    private static Dictionary<string, (string Path, string Port)> KubernetesProbes()
    {
        var container = DeployFiles.PortalContainer();
        return new[] { "startupProbe", "livenessProbe", "readinessProbe" }.ToDictionary(kind => kind, kind =>
        {
            var get = container.Map(kind).Map("httpGet");
            return (get.Scalar("path"), get.Scalar("port"));
        });
    }

    private static string ImageHealthCheck() => DeployFiles.RuntimeStage().Single(i => i.Instruction == "HEALTHCHECK").Arguments;

    private static string ImageHealthCheckPath() => HealthCheckRequest().Match(ImageHealthCheck()).Groups["path"].Value;

    [GeneratedRegex(@"GET (?<path>/\S*) HTTP/1\.[01]")]
    private static partial Regex HealthCheckRequest();

    [GeneratedRegex(@"^\s*server\s+(?<host>[\w.-]+):(?<port>\d+)", RegexOptions.Multiline)]
    private static partial Regex NginxUpstreamServer();
}
