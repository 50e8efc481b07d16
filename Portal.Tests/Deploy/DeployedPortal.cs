using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Portal.Hosting;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Deploy;

/// <summary>
/// A real Portal started with the settings deploy/docker-compose.yml gives its nodes, writing down every configuration
/// key it reads. The settings that name PostgreSQL and Redis are left out (the test has neither), and so is the admin
/// password (the factory's own is used to sign in).
/// </summary>
public sealed class DeployedPortal : IAsyncLifetime
{
    /// <summary>Keys whose values point at services only the deployment has.</summary>
    public static readonly string[] ServiceKeys = ["Portal:Database:Provider", "ConnectionStrings:Portal", "Portal:Redis", "Portal:Bootstrap:AdminPassword"];

    private PortalAppFactory? _app;

    public ConfigurationReads Reads { get; } = new();

    public PortalAppFactory App => _app ?? throw new InvalidOperationException("Not started.");

    /// <summary>The settings of the compose file's first Portal node as configuration keys, without <see cref="ServiceKeys"/>.</summary>
    public static IReadOnlyDictionary<string, string?> ComposeSettings() =>
        DeployFiles.Environment(DeployFiles.ComposePortalServices().Values.First())
            .Select(p => (key: DeployFiles.ConfigurationKey(p.Key), p.Value))
            .Where(p => !ServiceKeys.Contains(p.key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(p => p.key, p => (string?)p.Value);

    public async Task InitializeAsync()
    {
        RecordReadsWhileBuilding();
        _app = await PortalAppFactory.StartAsync(ComposeSettings(), Reads);
    }

    /// <summary>
    /// The factory adds <see cref="Reads"/> only when the app builds itself, after the reads Program makes while it
    /// composes the app (ConnectionStrings:Portal, for one). Those are all in AddPortalDefaults, which therefore runs once
    /// more here, on a builder of its own whose last source is <see cref="Reads"/>.
    /// </summary>
    private void RecordReadsWhileBuilding()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = [$"--Portal:DataDirectory={dataDirectory}"],
                ContentRootPath = PortalAppFactory.RepositoryRoot,
                EnvironmentName = "Production",
            });
            ((IConfigurationBuilder)builder.Configuration).Add(Reads);
            builder.AddPortalDefaults();
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
                Directory.Delete(dataDirectory, recursive: true);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<DeployedPortal>
{
    public const string Name = "Deployment files";
}
