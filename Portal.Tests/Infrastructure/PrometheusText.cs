using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Tests.Infrastructure;

/// <summary>One sample of a Prometheus text exposition: <c>name{label="value",…} 1.5</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A /metrics page parsed by the Prometheus text format (version 0.0.4): every line must be a comment, a HELP or TYPE
/// line, or a sample of a family whose TYPE came first — anything else fails the parse with the line.
/// </summary>
public sealed partial class PrometheusText
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public IReadOnlyDictionary<string, string> FamilyTypes { get; }
    public IReadOnlyList<PrometheusSample> Samples { get; }

    private PrometheusText(Dictionary<string, string> types, List<PrometheusSample> samples) => (FamilyTypes, Samples) = (types, samples);

    public static PrometheusText Parse(string text)
    {
        var types = new Dictionary<string, string>();
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("# HELP ") || (line.StartsWith('#') && !line.StartsWith("# TYPE ")))
                continue;
            if (line.StartsWith("# TYPE "))
            {
                var parts = line.Split(' ');
                if (parts.Length != 4 || !Types.Contains(parts[3]))
                    throw new FormatException($"Bad TYPE line: {line}");
                types[parts[2]] = parts[3];
                continue;
            }
            var match = SampleLine().Match(line);
            if (!match.Success)
                throw new FormatException($"Not a Prometheus sample: {line}");
            var name = match.Groups["name"].Value;
            if (!types.ContainsKey(FamilyOf(name, types)))
                throw new FormatException($"Sample before its TYPE line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(l => l.Groups["key"].Value, l => Regex.Unescape(l.Groups["value"].Value));
            samples.Add(new PrometheusSample(name, labels, ParseValue(match.Groups["value"].Value)));
        }
        return new PrometheusText(types, samples);
    }

    /// <summary>The sum of a sample name's series whose labels include every given pair (0 when there is none).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    private static string FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_bucket", "_count", "_sum", "_total" })
            if (sampleName.EndsWith(suffix) && types.ContainsKey(sampleName[..^suffix.Length]))
                return sampleName[..^suffix.Length];
        return sampleName;
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();
}
