using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Tests.Deploy;

/// <summary>What the Dockerfile, the compose file and the Kubernetes manifests set is what Portal reads, with values it accepts.</summary>
[Collection(DeployCollection.Name)]
public sealed class DeploySettingsTests(DeployedPortal portal)
{
    [Fact]
    public void Every_setting_the_compose_file_gives_the_nodes_is_a_key_portal_reads()
    {
        foreach (var (name, service) in DeployFiles.ComposePortalServices())
            AssertEveryKeyIsRead($"docker-compose.yml service {name}", DeployFiles.Environment(service).Keys);
    }

    [Fact]
    public void Every_setting_of_the_kubernetes_config_map_and_secret_is_a_key_portal_reads()
    {
        AssertEveryKeyIsRead("configmap.yaml", DeployFiles.Manifest("ConfigMap").Strings("data").Keys);
        AssertEveryKeyIsRead("secret.yaml", DeployFiles.Manifest("Secret").Strings("stringData").Keys);
    }

    [Fact]
    public void Every_variable_the_image_sets_is_a_key_portal_or_its_web_host_reads()
    {
        AssertEveryKeyIsRead("Dockerfile ENV", DeployFiles.ImageEnvironment().Keys);
    }

    [Fact]
    public void A_node_started_with_the_compose_settings_trusts_nginx_and_seeds_no_demo_data_by_default()
    {
        var services = DeployFiles.Compose().Map("services");
        var nginxAddress = services.Map("nginx").Map("networks").Map("portal").Scalar("ipv4_address");
        var proxies = portal.App.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.TrustedProxies;
        Assert.Equal([nginxAddress], proxies);
        Assert.False(portal.App.Services.GetRequiredService<IOptions<PortalOptions>>().Value.SeedDemoData);
    }

    [Fact]
    public void The_kubernetes_config_map_passes_the_validation_of_the_options_it_sets()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(DeployFiles.Manifest("ConfigMap").Strings("data")
                .Select(p => KeyValuePair.Create(DeployFiles.ConfigurationKey(p.Key), (string?)p.Value)))
            .Build();

        AssertValid(configuration.GetSection("Portal:ReverseProxy").Get<ReverseProxyOptions>());
        var database = DatabaseSetup.ReadOptions(configuration);
        AssertValid(database);
        Assert.Equal(DatabaseProvider.Postgres, database.Provider);
        Assert.False(configuration.GetSection("Portal").Get<PortalOptions>()!.SeedDemoData);
    }

    [Fact]
    public void The_compose_nodes_run_on_postgres_and_redis_of_the_compose_file()
    {
        var services = DeployFiles.Compose().Map("services");
        var nodes = DeployFiles.ComposePortalServices();
        Assert.True(nodes.Count >= 2, "Scale-out needs at least two Portal nodes.");
        foreach (var (name, node) in nodes)
        {
            var environment = DeployFiles.Environment(node).ToDictionary(p => DeployFiles.ConfigurationKey(p.Key), p => p.Value);
            Assert.Equal(nameof(DatabaseProvider.Postgres), environment["Portal:Database:Provider"]);
            var postgres = new Npgsql.NpgsqlConnectionStringBuilder(environment["ConnectionStrings:Portal"]);
            Assert.True(services.Has(postgres.Host!), $"{name}'s database host {postgres.Host} is no service of the compose file.");
            Assert.Equal(DeployFiles.ComposeVariables["POSTGRES_PASSWORD"], postgres.Password);
            var redis = StackExchange.Redis.ConfigurationOptions.Parse(environment["Portal:Redis"]);
            var redisHost = ((System.Net.DnsEndPoint)redis.EndPoints.Single()).Host;
            Assert.True(services.Has(redisHost), $"{name}'s Redis {redisHost} is no service of the compose file.");
            Assert.Equal(DeployFiles.ComposeVariables["REDIS_PASSWORD"], redis.Password);
        }
    }

    [Fact]
    public void Compose_refuses_to_run_without_each_password_variable()
    {
        var compose = File.ReadAllText(Path.Combine(DeployFiles.Deploy, "docker-compose.yml"));
        foreach (var variable in DeployFiles.ComposeVariables.Keys)
        {
            var without = DeployFiles.ComposeVariables.Where(p => p.Key != variable).ToDictionary();
            var refusal = Assert.Throws<InvalidOperationException>(() => DeployFiles.Interpolate(compose, without));
            Assert.StartsWith($"{variable} is required", refusal.Message);
        }
    }

    private void AssertEveryKeyIsRead(string where, IEnumerable<string> variables)
    {
        var unread = variables.Where(v => !portal.Reads.WasRead(DeployFiles.ConfigurationKey(v))).ToList();
        Assert.True(unread.Count == 0, $"{where} sets {string.Join(", ", unread)}, which Portal never reads.");
    }

    private static void AssertValid(object? options)
    {
        Assert.NotNull(options);
        var errors = new List<ValidationResult>();
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true),
            string.Join("; ", errors.Select(e => e.ErrorMessage)));
    }
}
