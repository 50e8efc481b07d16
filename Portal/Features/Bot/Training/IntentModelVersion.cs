namespace Portal.Features.Bot.Training;

/// <summary>How a retrained version came about (stored beside it as <c>metadata.json</c>; the shipped versions have none).</summary>
/// <param name="ShippedExamples">Training examples from the shipped dataset.</param>
/// <param name="CustomExamples">Imported and annotated examples trained on.</param>
/// <param name="ExcludedExamples">Custom examples left out because they equal a held-out sentence, which would inflate the evaluation.</param>
/// <param name="HeldOutExamples">The shipped held-out split it was evaluated on.</param>
/// <param name="BaseDataset">The shipped dataset's version (<see cref="IntentModelStore.ShippedVersion"/>) it was built on.</param>
/// <param name="Recipe">The trainer's <see cref="IntentModelTrainer.Revision"/>.</param>
/// <param name="Fingerprint">Of the examples and the recipe (<see cref="IntentModelStore.Fingerprint"/>): equal fingerprints make equal models.</param>
public sealed record IntentModelMetadata(
    DateTime CreatedAt, string? CreatedById, string CreatedBy, int ShippedExamples, int CustomExamples, int ExcludedExamples,
    int HeldOutExamples, string BaseDataset, string Recipe, string Fingerprint);

/// <summary>A stored model version as the model versions page and <c>GET /api/v1/bot/models</c> show it.</summary>
public sealed record IntentModelVersion(
    string Version, DateTime CreatedAt, bool IsActive, bool IsShipped, string Fingerprint, IntentModelMetadata? Metadata, IntentEvaluation? Evaluation);
