using System.Text.RegularExpressions;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Portal.Features.Bot.Training;

/// <summary>The classifier's answer: one of <see cref="Intents"/> and the model's probability for it (0–1).</summary>
public sealed record IntentPrediction(string Intent, float Confidence);

/// <summary>
/// A trained intent model. <see cref="Predict"/> is thread-safe: ML.NET prediction engines are not, so each call
/// borrows one from a pool.
/// </summary>
public sealed partial class IntentModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly ObjectPool<PredictionEngine<ModelInput, ModelOutput>> _engines;

    internal IntentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        _engines = new DefaultObjectPool<PredictionEngine<ModelInput, ModelOutput>>(
            new EnginePolicy(ml, transformer), Math.Max(4, Environment.ProcessorCount * 2));
    }

    /// <summary>
    /// The intent of a message already put through <see cref="Understanding.TextNormalizer"/>. A message with
    /// nothing to read (empty, emoji or symbols only) is <see cref="Intents.Unknown"/> with confidence 0; any other
    /// text gets the model's best guess, whose low confidence tells garbage apart.
    /// </summary>
    public IntentPrediction Predict(string normalizedText)
    {
        var features = FeatureText(normalizedText);
        if (!Readable().IsMatch(features))
            return new IntentPrediction(Intents.Unknown, 0);
        var engine = _engines.Get();
        try
        {
            var output = engine.Predict(new ModelInput { Text = features });
            return new IntentPrediction(output.PredictedIntent, output.Score.Max());
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    public void Save(Stream stream) => _ml.Model.Save(_transformer, _inputSchema, stream);

    public static IntentModel Load(Stream stream)
    {
        var ml = new MLContext();
        var transformer = ml.Model.Load(stream, out var inputSchema);
        return new IntentModel(ml, transformer, inputSchema);
    }

    /// <summary>
    /// What the model reads: order numbers and other digit runs are all one token, so they cannot sway the intent, and
    /// every Chinese character is a word of its own. Chinese has no spaces, so otherwise a whole clause would be one
    /// "word" that only ever matches itself; as single characters its word 1–2-grams are the clause's characters and
    /// character pairs (held-out accuracy 96.4 % → 96.9 %).
    /// </summary>
    internal static string FeatureText(string normalizedText)
    {
        var oneNumber = Digits().Replace(normalizedText, "0");
        return Spaces().Replace(ChineseCharacter().Replace(oneNumber, " $0 "), " ").Trim();
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseCharacter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\p{L}]")]
    private static partial Regex Readable();

    internal sealed class ModelInput
    {
        public string Text { get; set; } = "";

        public string Intent { get; set; } = "";
    }

    internal sealed class ModelOutput
    {
        [ColumnName("PredictedIntent")]
        public string PredictedIntent { get; set; } = "";

        public float[] Score { get; set; } = [];
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer) : PooledObjectPolicy<PredictionEngine<ModelInput, ModelOutput>>
    {
        public override PredictionEngine<ModelInput, ModelOutput> Create() => ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(transformer);

        public override bool Return(PredictionEngine<ModelInput, ModelOutput> engine) => true;
    }
}
