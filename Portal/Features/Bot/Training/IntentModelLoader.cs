using Hangfire;

namespace Portal.Features.Bot.Training;

/// <summary>
/// Puts the active model to work when the app starts, off the startup path: loading a stored model takes a
/// fraction of a second; with none stored yet (first start), training is queued as <see cref="TrainIntentModelJob"/>.
/// After an upgrade that changed the shipped data or recipe, the old shipped model answers until the new one is trained;
/// a version trained in the admin pages stays active.
/// </summary>
public sealed class IntentModelLoader(IntentModelStore store, IntentClassifier classifier, IBackgroundJobClient jobs,
    ILogger<IntentModelLoader> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        if (store.ActiveVersion is { } version && store.Exists(version))
        {
            try
            {
                classifier.Use(version, store.Load(version));
                if (!IsOutdatedShippedModel(version))
                    return;
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or FormatException)
            {
                logger.LogWarning(exception, "The active intent model {Version} could not be loaded; training the shipped one", version);
            }
        }
        jobs.Enqueue<TrainIntentModelJob>(job => job.RunAsync());
    }, stoppingToken);

    private static bool IsOutdatedShippedModel(string version) =>
        version.StartsWith(IntentModelStore.ShippedPrefix, StringComparison.Ordinal) && version != IntentModelStore.ShippedVersion;
}
