using Portal.Features.Bot.Understanding;

namespace Portal.Features.Bot.Training;

/// <summary>Scores a model on labelled examples it was not trained on.</summary>
public static class IntentModelEvaluator
{
    public const string AllLocales = "all";

    public static IntentEvaluation Evaluate(IntentModel model, IReadOnlyList<IntentExample> heldOut)
    {
        var results = heldOut.Select(e => (e.Locale, Actual: e.Intent, Predicted: model.Predict(TextNormalizer.Normalize(e.Text)).Intent)).ToList();
        var intents = Intents.All.Union(heldOut.Select(e => e.Intent)).ToList();
        var byLocale = results.GroupBy(r => r.Locale).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Slice(g.Key, [.. g], intents)).ToList();
        var counts = intents
            .Select(actual => (IReadOnlyList<int>)intents.Select(predicted => results.Count(r => r.Actual == actual && r.Predicted == predicted)).ToList())
            .ToList();
        return new IntentEvaluation(Slice(AllLocales, results, intents), byLocale, new ConfusionMatrix(intents, counts));
    }

    private static EvaluationSlice Slice(string locale, List<(string Locale, string Actual, string Predicted)> results, List<string> intents)
    {
        var scores = intents.Select(intent =>
        {
            var support = results.Count(r => r.Actual == intent);
            var predicted = results.Count(r => r.Predicted == intent);
            var correct = results.Count(r => r.Actual == intent && r.Predicted == intent);
            return new IntentScore(intent, Ratio(correct, predicted), Ratio(correct, support), support);
        }).ToList();
        return new EvaluationSlice(locale, results.Count, Ratio(results.Count(r => r.Actual == r.Predicted), results.Count), scores);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
