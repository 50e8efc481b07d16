using System.Diagnostics;

namespace Portal.Features.Bot.Training;

/// <summary>
/// Trains the model of the shipped dataset, stores it with its evaluation, activates it and hands it to the
/// classifier (fire-and-forget on the first start; safe to run twice: a stored version is loaded, not retrained).
/// </summary>
public sealed class TrainIntentModelJob(IntentModelStore store, IntentClassifier classifier, ILogger<TrainIntentModelJob> logger)
{
    public Task RunAsync()
    {
        var version = IntentModelStore.ShippedVersion;
        if (!store.Exists(version))
        {
            var clock = Stopwatch.StartNew();
            var (model, evaluation) = IntentModelTrainer.TrainAndEvaluate(IntentDataset.LoadShipped());
            store.Save(version, model, evaluation);
            // Training takes hundreds of MB that the server GC would otherwise keep; give it back (SPEC §5 idle memory).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            logger.LogInformation("Trained intent model {Version} in {Seconds:F1} s: {Accuracy:P1} on the held-out split",
                version, clock.Elapsed.TotalSeconds, evaluation.Overall.Accuracy);
        }
        store.Activate(version);
        classifier.Use(version, store.Load(version));
        return Task.CompletedTask;
    }
}
