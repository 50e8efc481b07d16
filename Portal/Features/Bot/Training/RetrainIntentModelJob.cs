using System.Diagnostics;
using Hangfire;

namespace Portal.Features.Bot.Training;

/// <summary>
/// Trains a new model version on the shipped training split plus the custom examples, evaluates it on the shipped
/// held-out split and stores it with its metadata. It does not activate it: a person compares and activates.
/// Not retried automatically (a failure is shown on the page; training again is one click); safe to run twice, since
/// a version already stored is left as it is.
/// </summary>
public sealed class RetrainIntentModelJob(
    IntentModelTraining training, TrainingExamples examples, IntentModelStore store, TimeProvider clock, ILogger<RetrainIntentModelJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string version, string? requestedById, string requestedBy)
    {
        var run = training.Latest is { } latest && latest.Version == version
            ? latest with { State = TrainingRunState.Training }
            : new TrainingRun(version, TrainingRunState.Training, requestedBy, clock.GetUtcNow().UtcDateTime);
        training.Report(run);
        try
        {
            if (!store.Exists(version))
                await TrainAsync(version, requestedById, requestedBy);
            training.Report(run with { State = TrainingRunState.Done, FinishedAt = clock.GetUtcNow().UtcDateTime });
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Training intent model {Version} failed", version);
            training.Report(run with { State = TrainingRunState.Failed, FinishedAt = clock.GetUtcNow().UtcDateTime, Error = exception.Message });
            throw;
        }
    }

    private async Task TrainAsync(string version, string? requestedById, string requestedBy)
    {
        var set = await examples.LoadTrainingSetAsync();
        var clockwatch = Stopwatch.StartNew();
        var (model, evaluation) = IntentModelTrainer.TrainAndEvaluate(set.Dataset);
        store.Save(version, model, evaluation, new IntentModelMetadata(
            clock.GetUtcNow().UtcDateTime, requestedById, requestedBy, set.ShippedExamples, set.CustomExamples, set.ExcludedExamples,
            set.HeldOutExamples, IntentModelStore.ShippedVersion, IntentModelTrainer.Revision, set.Fingerprint));
        // Training takes hundreds of MB that the server GC would otherwise keep (SPEC §5 idle memory).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation("Trained intent model {Version} on {Custom} custom examples in {Seconds:F1} s: {Accuracy:P1} on the held-out split",
            version, set.CustomExamples, clockwatch.Elapsed.TotalSeconds, evaluation.Overall.Accuracy);
    }
}
