namespace Portal.Tests.Deploy;

/// <summary>deploy/docker-compose.yml starts things in an order that works.</summary>
public sealed class ComposeServicesTests
{
    [Fact]
    public void Every_service_compose_waits_for_as_healthy_has_a_health_check()
    {
        var services = DeployFiles.Compose().Map("services");
        var imageHasHealthCheck = DeployFiles.RuntimeStage().Any(i => i.Instruction == "HEALTHCHECK");
        foreach (var name in services.Keys.Where(n => services.Map(n).Has("depends_on")))
        {
            var dependencies = services.Map(name).Map("depends_on");
            foreach (var dependency in dependencies.Keys)
            {
                Assert.Equal("service_healthy", dependencies.Map(dependency).Scalar("condition"));
                var checkedBy = services.Map(dependency).Has("healthcheck") || (services.Map(dependency).Has("build") && imageHasHealthCheck);
                Assert.True(checkedBy, $"{name} waits for {dependency} to be healthy, but {dependency} has no health check.");
            }
        }
    }

    [Fact]
    public void Only_the_first_node_starts_on_an_empty_database_the_others_wait_for_it()
    {
        var nodes = DeployFiles.ComposePortalServices();
        var first = nodes.Keys.Single(n => !nodes[n].Map("depends_on").Keys.Any(nodes.ContainsKey));
        Assert.All(nodes.Keys.Where(n => n != first), n => Assert.Contains(first, nodes[n].Map("depends_on").Keys));
    }

    [Fact]
    public void The_nodes_trust_nginx_at_its_fixed_address_in_the_compose_network()
    {
        var services = DeployFiles.Compose().Map("services");
        var nginx = System.Net.IPAddress.Parse(services.Map("nginx").Map("networks").Map("portal").Scalar("ipv4_address"));
        var subnet = System.Net.IPNetwork.Parse(DeployFiles.Compose().Map("networks").Map("portal").Map("ipam").Maps("config").Single().Scalar("subnet"));
        Assert.True(subnet.Contains(nginx), $"nginx's {nginx} is outside the network {subnet}.");
        foreach (var (name, node) in DeployFiles.ComposePortalServices())
            Assert.Equal(nginx.ToString(), DeployFiles.Environment(node)["Portal__ReverseProxy__TrustedProxies__0"]);
    }
}
