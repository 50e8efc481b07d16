using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Deploy;

/// <summary>The repository's container and cluster files: the Dockerfile, deploy/docker-compose.yml and deploy/kubernetes/.</summary>
public static partial class DeployFiles
{
    public static string Deploy { get; } = Path.Combine(PortalAppFactory.RepositoryRoot, "deploy");

    public static string KubernetesFolder { get; } = Path.Combine(Deploy, "kubernetes");

    /// <summary>Values for the variables the compose file requires, as an operator would export them.</summary>
    public static IReadOnlyDictionary<string, string> ComposeVariables { get; } = new Dictionary<string, string>
    {
        ["POSTGRES_PASSWORD"] = "postgres-Secret-1",
        ["REDIS_PASSWORD"] = "redis-Secret-1",
        ["PORTAL_ADMIN_PASSWORD"] = "Admin-Secret-1",
    };

    public static YamlMap Compose() => Yaml.Load(Path.Combine(Deploy, "docker-compose.yml"));

    /// <summary>The compose services that run the Portal image (those built from the repository's Dockerfile).</summary>
    public static IReadOnlyDictionary<string, YamlMap> ComposePortalServices()
    {
        var services = Compose().Map("services");
        return services.Keys.Select(name => (name, service: services.Map(name)))
            .Where(s => s.service.Has("build"))
            .ToDictionary(s => s.name, s => s.service);
    }

    /// <summary>A Portal service's environment with <c>${…}</c> replaced as Compose does, from <see cref="ComposeVariables"/>.</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMap service) =>
        service.Strings("environment").ToDictionary(p => p.Key, p => Interpolate(p.Value, ComposeVariables));

    /// <summary>Compose's interpolation: <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR:?message}</c> (fails when unset) and <c>$$</c>.</summary>
    public static string Interpolate(string value, IReadOnlyDictionary<string, string> variables) =>
        ComposeVariable().Replace(value, match =>
        {
            if (match.Value == "$$")
                return "$";
            var name = match.Groups["name"].Value;
            var set = variables.TryGetValue(name, out var given) && given.Length > 0;
            return match.Groups["op"].Value switch
            {
                ":-" => set ? given! : match.Groups["arg"].Value,
                ":?" => set ? given! : throw new InvalidOperationException($"{name} is required: {match.Groups["arg"].Value}"),
                _ => set ? given! : "",
            };
        });

    /// <summary>Every document of the manifests kustomization.yaml lists.</summary>
    public static IReadOnlyList<YamlMap> KubernetesManifests() =>
        [.. KustomizationResources().SelectMany(file => Yaml.LoadAll(Path.Combine(KubernetesFolder, file)))];

    public static IReadOnlyList<string> KustomizationResources() =>
        Yaml.Load(Path.Combine(KubernetesFolder, "kustomization.yaml")).Scalars("resources");

    public static YamlMap Manifest(string kind) => KubernetesManifests().Single(m => m.Scalar("kind") == kind);

    public static YamlMap PortalContainer() =>
        Manifest("Deployment").Map("spec").Map("template").Map("spec").Maps("containers").Single(c => c.Scalar("name") == "portal");

    /// <summary>The Dockerfile's instructions of the final stage, continuation lines joined: ("ENV", "Urls=… …").</summary>
    public static IReadOnlyList<(string Instruction, string Arguments)> RuntimeStage()
    {
        var text = ContinuedLine().Replace(File.ReadAllText(Path.Combine(PortalAppFactory.RepositoryRoot, "Dockerfile")), " ");
        var instructions = text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2) is [var instruction, var arguments] ? (instruction.ToUpperInvariant(), arguments.Trim()) : (line.ToUpperInvariant(), ""))
            .ToList();
        return instructions[instructions.FindLastIndex(i => i.Item1 == "FROM")..];
    }

    /// <summary>The variables the final stage's ENV instructions set (<c>NAME=value</c> pairs).</summary>
    public static IReadOnlyDictionary<string, string> ImageEnvironment() =>
        RuntimeStage().Where(i => i.Instruction == "ENV")
            .SelectMany(i => EnvAssignment().Matches(i.Arguments))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);

    /// <summary>The port the image's app listens on, from its Urls (<c>http://+:8080</c>).</summary>
    public static int ImagePort() => new Uri(ImageEnvironment()["Urls"].Replace("+", "localhost", StringComparison.Ordinal)).Port;

    /// <summary>An environment variable's name as a configuration key: <c>Portal__Redis</c> → <c>Portal:Redis</c>;
    /// ASP.NET Core reads <c>ASPNETCORE_</c>-prefixed ones without the prefix.</summary>
    public static string ConfigurationKey(string variable) =>
        (variable.StartsWith("ASPNETCORE_", StringComparison.Ordinal) ? variable["ASPNETCORE_".Length..] : variable).Replace("__", ":", StringComparison.Ordinal);

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:[-?])(?<arg>[^}]*))?\}")]
    private static partial Regex ComposeVariable();

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S*)")]
    private static partial Regex EnvAssignment();
}
