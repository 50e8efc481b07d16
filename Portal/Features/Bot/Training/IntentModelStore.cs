using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Features.Bot.Training;

/// <summary>
/// Trained models on disk: <c>&lt;data directory&gt;/bot/models/&lt;version&gt;/model.zip</c> with its
/// <c>evaluation.json</c> (and <c>metadata.json</c> for a retrained version), and <c>bot/models/active</c> naming the version the classifier uses.
/// </summary>
public sealed class IntentModelStore(IOptions<PortalOptions> portal, IHostEnvironment environment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private string Root => Path.Combine(portal.Value.ResolveDataDirectory(environment.ContentRootPath), "bot", "models");

    private string ActivePointer => Path.Combine(Root, "active");

    /// <summary>The version of the shipped dataset: changes when the data or the way it is trained changes.</summary>
    public static string ShippedVersion { get; } = ShippedPrefix + Fingerprint(IntentDataset.LoadShipped());

    public const string ShippedPrefix = "shipped-";

    /// <summary>What a model is made of: the recipe (<see cref="IntentModelTrainer.Revision"/>) and every example with its split.</summary>
    public static string Fingerprint(IEnumerable<IntentExample> dataset) => Convert.ToHexStringLower(SHA256.HashData(
        Encoding.UTF8.GetBytes(IntentModelTrainer.Revision + "\n" + string.Join("\n",
            dataset.Select(e => $"{e.Text}\t{e.Intent}\t{e.Locale}\t{e.IsHeldOut}")))))[..12];

    public string? ActiveVersion => File.Exists(ActivePointer) ? File.ReadAllText(ActivePointer).Trim() : null;

    public bool Exists(string version) => File.Exists(ModelPath(version));

    public IntentModel Load(string version)
    {
        using var stream = File.OpenRead(ModelPath(version));
        return IntentModel.Load(stream);
    }

    public IntentEvaluation? LoadEvaluation(string version)
    {
        var path = EvaluationPath(version);
        return File.Exists(path) ? JsonSerializer.Deserialize<IntentEvaluation>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>
    /// Writes the model, its evaluation and, for a retrained version, its metadata; files appear complete or not at
    /// all (written aside, then moved), the model last, since its presence is what makes a version exist.
    /// </summary>
    public void Save(string version, IntentModel model, IntentEvaluation evaluation, IntentModelMetadata? metadata = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ModelPath(version))!);
        WriteAtomically(EvaluationPath(version), stream => JsonSerializer.Serialize(stream, evaluation, Json));
        if (metadata is not null)
            WriteAtomically(MetadataPath(version), stream => JsonSerializer.Serialize(stream, metadata, Json));
        WriteAtomically(ModelPath(version), model.Save);
    }

    /// <summary>Every stored version, newest first.</summary>
    public IReadOnlyList<IntentModelVersion> List()
    {
        if (!Directory.Exists(Root))
            return [];
        var active = ActiveVersion;
        return [.. Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(Exists)
            .Select(version => Describe(version, active)).OrderByDescending(v => v.CreatedAt)];
    }

    /// <summary>One stored version, or null when there is none of that name.</summary>
    public IntentModelVersion? Find(string version) =>
        IsValidName(version) && Exists(version) ? Describe(version, ActiveVersion) : null;

    /// <summary>Version names are folder names: letters, digits, '-' and '_' only, so no name reaches outside the store.</summary>
    public static bool IsValidName(string version) =>
        version.Length is > 0 and <= 64 && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private IntentModelVersion Describe(string version, string? active)
    {
        var metadataPath = MetadataPath(version);
        var metadata = File.Exists(metadataPath) ? JsonSerializer.Deserialize<IntentModelMetadata>(File.ReadAllText(metadataPath), Json) : null;
        var isShipped = version.StartsWith(ShippedPrefix, StringComparison.Ordinal);
        return new IntentModelVersion(version, metadata?.CreatedAt ?? File.GetLastWriteTimeUtc(ModelPath(version)), version == active,
            isShipped, metadata?.Fingerprint ?? (isShipped ? version[ShippedPrefix.Length..] : ""), metadata, LoadEvaluation(version));
    }

    public void Activate(string version)
    {
        Directory.CreateDirectory(Root);
        WriteAtomically(ActivePointer, stream => stream.Write(Encoding.UTF8.GetBytes(version)));
    }

    private string ModelPath(string version) => Path.Combine(Root, version, "model.zip");

    private string EvaluationPath(string version) => Path.Combine(Root, version, "evaluation.json");

    private string MetadataPath(string version) => Path.Combine(Root, version, "metadata.json");

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = File.Create(temporary))
            write(stream);
        File.Move(temporary, path, overwrite: true);
    }
}
