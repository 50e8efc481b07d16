using Hangfire;

namespace Portal.Features.Bot.Training;

/// <summary>
/// Puts the active model to work when the app starts, off the startup path: loading a stored model takes a
/// fraction of a second; with none stored yet (first start), training is queued as <see cref="TrainIntentModelJob"/>.
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
                return;
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or FormatException)
            {
                logger.LogWarning(exception, "The active intent model {Version} could not be loaded; training the shipped one", version);
            }
        }
        jobs.Enqueue<TrainIntentModelJob>(job => job.RunAsync());
    }, stoppingToken);
}
