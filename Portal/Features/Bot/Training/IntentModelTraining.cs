using Hangfire;
using Portal.Features.Audit;

namespace Portal.Features.Bot.Training;

public enum TrainingRunState { Queued, Training, Done, Failed }

/// <summary>A retraining, from the request to the stored version (or the failure).</summary>
public sealed record TrainingRun(string Version, TrainingRunState State, string RequestedBy, DateTime RequestedAt, DateTime? FinishedAt = null, string? Error = null)
{
    public bool IsBusy => State is TrainingRunState.Queued or TrainingRunState.Training;
}

/// <summary>The answer to a request to train a new version.</summary>
public enum TrainingRequestOutcome { Queued, AlreadyRunning, NothingNew }

/// <param name="Run">The run now queued, or the one already under way.</param>
/// <param name="SameAsVersion">For <see cref="TrainingRequestOutcome.NothingNew"/>: the stored version made of exactly these examples.</param>
public sealed record TrainingRequest(TrainingRequestOutcome Outcome, TrainingRun? Run, string? SameAsVersion = null);

/// <summary>
/// Retraining requests and their progress, one at a time: a request queues <see cref="RetrainIntentModelJob"/>
/// unless a run is queued or training, or a stored version was already made of exactly the current examples
/// (training is deterministic, so it would only make the same model again).
/// </summary>
public sealed class IntentModelTraining(
    IBackgroundJobClient jobs, TrainingExamples examples, IntentModelStore store, AuditTrail audit, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<Action> _subscribers = [];
    private TrainingRun? _latest;

    /// <summary>The latest run this process knows of, or null since it started.</summary>
    public TrainingRun? Latest
    {
        get
        {
            lock (_gate)
                return _latest;
        }
    }

    public async Task<TrainingRequest> RequestAsync(AuditActor actor, CancellationToken ct = default)
    {
        if (Latest is { IsBusy: true } busy)
            return new TrainingRequest(TrainingRequestOutcome.AlreadyRunning, busy);
        var fingerprint = (await examples.LoadTrainingSetAsync(ct)).Fingerprint;
        if (store.List().FirstOrDefault(v => v.Fingerprint == fingerprint) is { } same)
            return new TrainingRequest(TrainingRequestOutcome.NothingNew, null, same.Version);

        var now = clock.GetUtcNow().UtcDateTime;
        var run = new TrainingRun($"v{now:yyyyMMddHHmmss}", TrainingRunState.Queued, actor.Name, now);
        lock (_gate)
        {
            if (_latest is { IsBusy: true } raced)
                return new TrainingRequest(TrainingRequestOutcome.AlreadyRunning, raced);
            _latest = run;
        }
        try
        {
            await audit.RecordAsync(actor, "bot.model.training-requested", $"bot-model:{run.Version}", null, new { run.Version }, ct);
            jobs.Enqueue<RetrainIntentModelJob>(job => job.RunAsync(run.Version, actor.UserId, actor.Name));
        }
        catch (Exception exception)
        {
            Report(run with { State = TrainingRunState.Failed, FinishedAt = clock.GetUtcNow().UtcDateTime, Error = exception.Message });
            throw;
        }
        Notify();
        return new TrainingRequest(TrainingRequestOutcome.Queued, run);
    }

    /// <summary>Calls <paramref name="onChange"/> whenever a run changes state, until the subscription is disposed.</summary>
    public IDisposable Subscribe(Action onChange)
    {
        lock (_gate)
            _subscribers.Add(onChange);
        return new Subscription(this, onChange);
    }

    internal void Report(TrainingRun run)
    {
        lock (_gate)
            _latest = run;
        Notify();
    }

    private void Notify()
    {
        Action[] subscribers;
        lock (_gate)
            subscribers = [.. _subscribers];
        foreach (var subscriber in subscribers)
            subscriber();
    }

    private sealed class Subscription(IntentModelTraining training, Action onChange) : IDisposable
    {
        public void Dispose()
        {
            lock (training._gate)
                training._subscribers.Remove(onChange);
        }
    }
}
