using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Features.Monitoring.Live;

/// <summary>The stream of live samples: the dashboard redraws and the alert rules are evaluated on each.</summary>
public sealed class MonitoringSamples(ILogger<MonitoringSamples> logger) : EventStream<MonitoringSnapshot>(logger);

/// <summary>
/// Samples what is happening now every <see cref="LiveMonitorOptions.SampleInterval"/> and keeps the samples of the
/// last <see cref="LiveMonitorOptions.History"/> in memory for the dashboard's ranges.
/// </summary>
public sealed class LiveMonitor(
    PortalMetrics metrics,
    WaitingConversations waiting,
    ServerErrors serverErrors,
    LiveFigureQueries queries,
    MonitoringSamples samples,
    IOptions<LiveMonitorOptions> options,
    TimeProvider clock,
    ILogger<LiveMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstResponseWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan BotShareWindow = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly LinkedList<MonitoringSnapshot> _history = new();
    private readonly TrailingTotal _messages = new(RateWindow);
    private readonly TrailingTotal _requests = new(RateWindow);
    private readonly TrailingTotal _errors = new(RateWindow);
    private (DateTime At, int Online, int OnShift, double? BotShare)? _slowFigures;

    public MonitoringSnapshot? Latest
    {
        get { lock (_gate) return _history.Last?.Value; }
    }

    /// <summary>The samples taken since <paramref name="from"/>, oldest first.</summary>
    public IReadOnlyList<MonitoringSnapshot> Since(DateTime from)
    {
        lock (_gate)
            return _history.Where(s => s.At >= from).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval, clock);
        do
        {
            try
            {
                var snapshot = await SampleAsync(stoppingToken);
                Keep(snapshot);
                await samples.PublishAsync(snapshot);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed sample (the database busy for a moment) leaves a gap in the charts, never stops sampling.
                logger.LogWarning(ex, "Taking a live monitoring sample failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<MonitoringSnapshot> SampleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var messagesPerMinute = _messages.Record(now, metrics.MessagesStored);
        var requests = _requests.Record(now, serverErrors.Requests);
        var errors = _errors.Record(now, serverErrors.Errors);
        var firstResponses = await queries.FirstResponsesSinceAsync(now - FirstResponseWindow, ct);
        var slow = await SlowFiguresAsync(now, ct);
        return new MonitoringSnapshot(
            now,
            metrics.WidgetConnections,
            metrics.AgentConnections,
            (int)messagesPerMinute,
            waiting.Count,
            waiting.LongestWait(now).TotalSeconds,
            firstResponses.Count,
            firstResponses.P50Seconds,
            firstResponses.P90Seconds,
            slow.Online,
            slow.OnShift,
            slow.BotShare,
            (int)requests,
            requests == 0 ? 0 : (double)errors / requests);
    }

    private async Task<(DateTime At, int Online, int OnShift, double? BotShare)> SlowFiguresAsync(DateTime now, CancellationToken ct)
    {
        if (_slowFigures is { } cached && now - cached.At < options.Value.SlowFiguresInterval)
            return cached;
        var (online, onShift) = await queries.AgentsAsync(now, ct);
        var botShare = await queries.BotResolvedShareSinceAsync(now - BotShareWindow, ct);
        _slowFigures = (now, online, onShift, botShare);
        return _slowFigures.Value;
    }

    private void Keep(MonitoringSnapshot snapshot)
    {
        lock (_gate)
        {
            _history.AddLast(snapshot);
            while (_history.First!.Value.At < snapshot.At - options.Value.History)
                _history.RemoveFirst();
        }
    }
}
