using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Portal.Tests.Deploy;

/// <summary>YAML files read as plain maps, lists and strings (anchors and <c>&lt;&lt;</c> merges resolved, as Compose does).</summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Every document of a file: <c>kubectl</c> manifests may hold several, separated by <c>---</c>.</summary>
    public static IReadOnlyList<YamlMap> LoadAll(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<YamlMap>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            if (Deserializer.Deserialize<Dictionary<object, object?>?>(parser) is { } document)
                documents.Add(new YamlMap(document, Path.GetFileName(path)));
        }
        return documents;
    }

    public static YamlMap Load(string path) => LoadAll(path).Single();
}

/// <summary>A YAML mapping that says which key was missing, and where, when a test looks for one that is not there.</summary>
public sealed class YamlMap(IReadOnlyDictionary<object, object?> values, string where)
{
    public string Where => where;

    public IEnumerable<string> Keys => values.Keys.Select(k => k.ToString()!);

    public bool Has(string key) => values.ContainsKey(key);

    public YamlMap Map(string key) => new((IReadOnlyDictionary<object, object?>)Value(key), $"{where}.{key}");

    public string Scalar(string key) => Value(key)?.ToString() ?? throw new KeyNotFoundException($"{where}.{key} is empty.");

    public int Integer(string key) => int.Parse(Scalar(key), System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<YamlMap> Maps(string key) =>
        [.. List(key).Select((item, i) => new YamlMap((IReadOnlyDictionary<object, object?>)item!, $"{where}.{key}[{i}]"))];

    public IReadOnlyList<string> Scalars(string key) => [.. List(key).Select(item => item!.ToString()!)];

    /// <summary>A map of scalars (an environment, a ConfigMap's data, labels).</summary>
    public IReadOnlyDictionary<string, string> Strings(string key) =>
        Has(key) ? ((IReadOnlyDictionary<object, object?>)Value(key)).ToDictionary(p => p.Key.ToString()!, p => p.Value?.ToString() ?? "") : new Dictionary<string, string>();

    private IReadOnlyList<object?> List(string key) => (IReadOnlyList<object?>)Value(key);

    private object Value(string key) =>
        values.TryGetValue(key, out var value) && value is not null ? value : throw new KeyNotFoundException($"{where} has no '{key}'.");
}
