using Portal.Features.Bot.Training;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot;

/// <summary>The model trained on the shipped dataset's train split, with its evaluation on the held-out split (shared with the test apps).</summary>
public sealed class ShippedIntentModel
{
    private readonly TrainedIntentModel.Trained _trained = TrainedIntentModel.Shipped;

    public IReadOnlyList<IntentExample> Dataset => _trained.Dataset;

    public IntentModel Model => _trained.Model;

    public TimeSpan TrainingTime => _trained.TrainingTime;

    public IntentEvaluation Evaluation => _trained.Evaluation;
}
