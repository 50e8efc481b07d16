namespace Portal.Features.Bot.Annotation;

/// <summary>
/// Keeps the utterance log bounded: unlabelled utterances older than <see cref="Retention"/> are deleted (nobody
/// labels months-old messages, and they hold customers' words). Labelled ones are training data and stay.
/// </summary>
public sealed class DeleteStaleUtterancesJob(BotUtterances utterances, TimeProvider clock, ILogger<DeleteStaleUtterancesJob> logger)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    public async Task RunAsync()
    {
        var deleted = await utterances.DeleteUnlabelledBeforeAsync(clock.GetUtcNow().UtcDateTime - Retention);
        if (deleted > 0)
            logger.LogInformation("Deleted {Count} unlabelled bot utterances older than {Days} days", deleted, Retention.TotalDays);
    }
}
