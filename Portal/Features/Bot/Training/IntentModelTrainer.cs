using System.Text;
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;
using Portal.Features.Bot.Understanding;

namespace Portal.Features.Bot.Training;

/// <summary>
/// Trains the intent model with ML.NET on normalized text: character 1–3-grams (Chinese needs no segmentation for
/// them) and word 1–2-grams (English), a maximum-entropy classifier. Deterministic: fixed seeds throughout.
/// </summary>
public static class IntentModelTrainer
{
    private const int Seed = 20241123;

    /// <summary>Changes whenever features, augmentation or trainer change, so stored models of the old recipe are retrained.</summary>
    public const string Revision = "lbfgs-char3-word2-typo1";

    /// <summary>Trains on the examples that are not held out; the held-out ones are ignored.</summary>
    /// <summary>Trains on the dataset's training split and evaluates on its held-out split.</summary>
    public static (IntentModel Model, IntentEvaluation Evaluation) TrainAndEvaluate(IReadOnlyList<IntentExample> dataset)
    {
        var model = Train(dataset);
        return (model, IntentModelEvaluator.Evaluate(model, [.. dataset.Where(e => e.IsHeldOut)]));
    }

    public static IntentModel Train(IEnumerable<IntentExample> examples)
    {
        var ml = new MLContext(Seed);
        var rows = Augment(examples.Where(e => !e.IsHeldOut)).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(IntentModel.ModelInput.Intent))
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.None,
                KeepDiacritics = true,
                KeepPunctuations = true,
                KeepNumbers = true,
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true },
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(IntentModel.ModelInput.Text)))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Label", "Features"))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedIntent", "PredictedLabel"));
        var transformer = pipeline.Fit(data);
        return new IntentModel(ml, transformer, data.Schema);
    }

    /// <summary>
    /// Each example normalized, plus a copy with one typo (a character dropped or doubled). Traditional and
    /// Simplified need no extra copies: normalization makes them the same text.
    /// </summary>
    private static IEnumerable<IntentModel.ModelInput> Augment(IEnumerable<IntentExample> examples)
    {
        var random = new Random(Seed);
        foreach (var example in examples)
        {
            var text = IntentModel.FeatureText(TextNormalizer.Normalize(example.Text));
            yield return new IntentModel.ModelInput { Text = text, Intent = example.Intent };
            if (text.Length >= 4)
                yield return new IntentModel.ModelInput { Text = WithTypo(text, random), Intent = example.Intent };
        }
    }

    private static string WithTypo(string text, Random random)
    {
        var position = random.Next(text.Length);
        var typo = new StringBuilder(text);
        if (random.Next(2) == 0)
            typo.Remove(position, 1);
        else
            typo.Insert(position, text[position]);
        return typo.ToString();
    }
}
