using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Features.Bot.Training;

/// <summary>
/// Trained models on disk: <c>&lt;data directory&gt;/bot/models/&lt;version&gt;/model.zip</c> with its
/// <c>evaluation.json</c>, and <c>bot/models/active</c> naming the version the classifier uses.
/// </summary>
public sealed class IntentModelStore(IOptions<PortalOptions> portal, IHostEnvironment environment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private string Root => Path.Combine(portal.Value.ResolveDataDirectory(environment.ContentRootPath), "bot", "models");

    private string ActivePointer => Path.Combine(Root, "active");

    /// <summary>The version of the shipped dataset: changes when the data or the way it is trained changes.</summary>
    public static string ShippedVersion { get; } = "shipped-" + Convert.ToHexStringLower(SHA256.HashData(
        Encoding.UTF8.GetBytes(IntentModelTrainer.Revision + "\n" + string.Join("\n",
            IntentDataset.LoadShipped().Select(e => $"{e.Text}\t{e.Intent}\t{e.Locale}\t{e.IsHeldOut}")))))[..12];

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

    /// <summary>Writes the model and its evaluation; files appear complete or not at all (written aside, then moved).</summary>
    public void Save(string version, IntentModel model, IntentEvaluation evaluation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ModelPath(version))!);
        WriteAtomically(EvaluationPath(version), stream => JsonSerializer.Serialize(stream, evaluation, Json));
        WriteAtomically(ModelPath(version), model.Save);
    }

    public void Activate(string version)
    {
        Directory.CreateDirectory(Root);
        WriteAtomically(ActivePointer, stream => stream.Write(Encoding.UTF8.GetBytes(version)));
    }

    private string ModelPath(string version) => Path.Combine(Root, version, "model.zip");

    private string EvaluationPath(string version) => Path.Combine(Root, version, "evaluation.json");

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = File.Create(temporary))
            write(stream);
        File.Move(temporary, path, overwrite: true);
    }
}
