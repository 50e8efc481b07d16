using System.Diagnostics;
using Portal.Features.Bot.Training;

namespace Portal.Tests.Features.Bot;

/// <summary>The model trained once on the shipped dataset's train split, with its evaluation on the held-out split.</summary>
public sealed class ShippedIntentModel
{
    public ShippedIntentModel()
    {
        Dataset = IntentDataset.LoadShipped();
        var clock = Stopwatch.StartNew();
        (Model, Evaluation) = IntentModelTrainer.TrainAndEvaluate(Dataset);
        TrainingTime = clock.Elapsed;
    }

    public IReadOnlyList<IntentExample> Dataset { get; }

    public IntentModel Model { get; }

    public TimeSpan TrainingTime { get; }

    public IntentEvaluation Evaluation { get; }
}
