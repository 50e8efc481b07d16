namespace Portal.Features.Bot.Training;

/// <summary>How a model did on the held-out split: overall, per locale, and which intent it took for which.</summary>
public sealed record IntentEvaluation(EvaluationSlice Overall, IReadOnlyList<EvaluationSlice> ByLocale, ConfusionMatrix Confusion);

/// <summary>Top-1 accuracy and per-intent precision and recall over the examples of one locale (or <c>all</c>).</summary>
public sealed record EvaluationSlice(string Locale, int Examples, double Accuracy, IReadOnlyList<IntentScore> PerIntent);

/// <summary>Precision and recall of one intent; <paramref name="Support"/> is how many examples really had it.</summary>
public sealed record IntentScore(string Intent, double Precision, double Recall, int Support);

/// <summary><c>Counts[actual][predicted]</c>, both indexed by <see cref="Intents"/>.</summary>
public sealed record ConfusionMatrix(IReadOnlyList<string> Intents, IReadOnlyList<IReadOnlyList<int>> Counts);
