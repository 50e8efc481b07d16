using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Portal.Tests.Deploy;

/// <summary>The manifests of deploy/kubernetes fit together and fit the app (kubectl is not needed: they are read as YAML).</summary>
[Collection(DeployCollection.Name)]
public sealed class KubernetesManifestsTests(DeployedPortal portal)
{
    [Fact]
    public void The_kustomization_lists_every_manifest_of_the_folder_once()
    {
        var files = Directory.EnumerateFiles(DeployFiles.KubernetesFolder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order();
        Assert.Equal(files, DeployFiles.KustomizationResources().Order());
    }

    [Fact]
    public void Service_ingress_autoscaler_and_disruption_budget_all_reach_the_portal_pods()
    {
        var deployment = DeployFiles.Manifest("Deployment");
        var podLabels = deployment.Map("spec").Map("template").Map("metadata").Strings("labels");
        var service = DeployFiles.Manifest("Service");
        AssertSelects(podLabels, "the Deployment", deployment.Map("spec").Map("selector").Strings("matchLabels"));
        AssertSelects(podLabels, "the Service", service.Map("spec").Strings("selector"));
        AssertSelects(podLabels, "the PodDisruptionBudget", DeployFiles.Manifest("PodDisruptionBudget").Map("spec").Map("selector").Strings("matchLabels"));

        var servicePorts = service.Map("spec").Maps("ports").Select(p => p.Scalar("name")).ToList();
        var backends = DeployFiles.Manifest("Ingress").Map("spec").Maps("rules")
            .SelectMany(rule => rule.Map("http").Maps("paths")).Select(path => path.Map("backend").Map("service")).ToList();
        Assert.NotEmpty(backends);
        Assert.All(backends, backend =>
        {
            Assert.Equal(service.Map("metadata").Scalar("name"), backend.Scalar("name"));
            Assert.Contains(backend.Map("port").Scalar("name"), servicePorts);
        });

        var target = DeployFiles.Manifest("HorizontalPodAutoscaler").Map("spec").Map("scaleTargetRef");
        Assert.Equal(("Deployment", deployment.Map("metadata").Scalar("name")), (target.Scalar("kind"), target.Scalar("name")));
    }

    [Fact]
    public void There_are_always_two_pods_and_draining_a_machine_leaves_one()
    {
        var minReplicas = DeployFiles.Manifest("HorizontalPodAutoscaler").Map("spec").Integer("minReplicas");
        var minAvailable = DeployFiles.Manifest("PodDisruptionBudget").Map("spec").Integer("minAvailable");
        Assert.True(DeployFiles.Manifest("Deployment").Map("spec").Integer("replicas") >= 2);
        Assert.True(minReplicas >= 2);
        Assert.InRange(minAvailable, 1, minReplicas - 1);
        var metrics = DeployFiles.Manifest("HorizontalPodAutoscaler").Map("spec").Maps("metrics").Select(m => m.Map("resource").Scalar("name"));
        Assert.Equal(["cpu", "memory"], metrics.Order());
    }

    [Fact]
    public void The_pods_take_their_settings_from_the_config_map_and_secret_the_kustomization_creates()
    {
        var sources = DeployFiles.PortalContainer().Maps("envFrom")
            .Select(source => source.Has("configMapRef") ? ("ConfigMap", source.Map("configMapRef").Scalar("name")) : ("Secret", source.Map("secretRef").Scalar("name")));
        var created = DeployFiles.KubernetesManifests().Select(m => (m.Scalar("kind"), m.Map("metadata").Scalar("name"))).ToList();
        Assert.Equal([("ConfigMap", "portal"), ("Secret", "portal")], sources.Order());
        Assert.All(sources, source => Assert.Contains(source, created));
    }

    [Fact]
    public void A_stopping_pod_leaves_the_service_first_and_then_has_the_apps_whole_shutdown_time()
    {
        var pod = DeployFiles.Manifest("Deployment").Map("spec").Map("template").Map("spec");
        var grace = TimeSpan.FromSeconds(pod.Integer("terminationGracePeriodSeconds"));
        var preStop = TimeSpan.FromSeconds(DeployFiles.PortalContainer().Map("lifecycle").Map("preStop").Map("sleep").Integer("seconds"));
        var shutdown = portal.App.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.True(preStop >= TimeSpan.FromSeconds(5), "The endpoints need a few seconds to drop a terminating pod.");
        Assert.True(grace >= preStop + shutdown, $"{grace} is less than the preStop sleep ({preStop}) and the app's shutdown timeout ({shutdown}).");
    }

    [Fact]
    public void The_ingress_keeps_idle_hub_connections_open_and_each_console_on_one_pod()
    {
        var annotations = DeployFiles.Manifest("Ingress").Map("metadata").Strings("annotations");
        var hubs = portal.App.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        var keepAlive = hubs.KeepAliveInterval ?? TimeSpan.FromSeconds(15);
        var readTimeout = TimeSpan.FromSeconds(int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"], System.Globalization.CultureInfo.InvariantCulture));
        var sendTimeout = TimeSpan.FromSeconds(int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"], System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(readTimeout >= TimeSpan.FromMinutes(10) && readTimeout > 4 * keepAlive, $"A read timeout of {readTimeout} cuts idle WebSockets.");
        Assert.True(sendTimeout >= TimeSpan.FromMinutes(10), $"A send timeout of {sendTimeout} cuts idle WebSockets.");
        Assert.Equal("cookie", annotations["nginx.ingress.kubernetes.io/affinity"]);
    }

    private static void AssertSelects(IReadOnlyDictionary<string, string> podLabels, string who, IReadOnlyDictionary<string, string> selector)
    {
        Assert.NotEmpty(selector);
        Assert.All(selector, label => Assert.True(podLabels.GetValueOrDefault(label.Key) == label.Value,
            $"{who} selects {label.Key}={label.Value}, which the portal pods do not carry."));
    }
}
