using System.Threading.Channels;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Shifts;

namespace Portal.Features.Routing;

/// <summary>
/// Runs routing work one piece at a time in the background, so routing decisions never race each other
/// (never two agents for one conversation) and nobody who sends a message waits for routing.
/// </summary>
public sealed class RoutingQueue(
    ConversationRouter router, ShiftCalendar calendar, MessageTracing tracing, TimeProvider clock, ILogger<RoutingQueue> logger)
    : BackgroundService
{
    /// <summary>How soon those waiting hear that their places moved when nothing else sends the queue round.</summary>
    internal static readonly TimeSpan PlacesRefresh = TimeSpan.FromSeconds(2);

    private ITimer? _nextShift;
    private ITimer? _placesRefresh;
    private int _placesRefreshPending;
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(
        new UnboundedChannelOptions { SingleReader = true });
    private int _drainPending;

    /// <summary>A new conversation waits for an agent.</summary>
    public void Enqueue(Guid conversationId)
    {
        // The work runs in the queue's own loop: the message that set it off is carried along for its trace.
        var message = tracing.CurrentMessage;
        _work.Writer.TryWrite(async ct =>
        {
            using var _ = tracing.StartRoute(message, conversationId);
            await router.EnqueueAsync(conversationId, ct);
        });
        RequestDrain();
    }

    /// <summary>An agent went offline: their open conversations go back to the queue when the settings say so.</summary>
    public void Release(string userId)
    {
        _work.Writer.TryWrite(ct => router.ReleaseAsync(userId, ct));
        RequestDrain();
    }

    /// <summary>Capacity may have freed or an agent became available: try the queue again (requests in a row collapse into one pass).</summary>
    public void RequestDrain()
    {
        if (Interlocked.Exchange(ref _drainPending, 1) == 0)
            _work.Writer.TryWrite(ct =>
            {
                Interlocked.Exchange(ref _drainPending, 0);
                return DrainAsync(ct);
            });
    }

    /// <summary>Runs a drain now and waits for it (the recurring job, and tests).</summary>
    public Task DrainNowAsync() => RunAndWaitAsync(DrainAsync);

    /// <summary>
    /// Queues a conversation the bot handed over and routes it before returning, so the customer can be told at once
    /// who has it or where they stand in line.
    /// </summary>
    public Task EnqueueAndRouteAsync(Guid conversationId)
    {
        var message = tracing.CurrentMessage;
        return RunAndWaitAsync(async ct =>
        {
            using var _ = tracing.StartRoute(message, conversationId);
            await router.EnqueueAsync(conversationId, ct);
            await DrainAsync(ct);
        });
    }

    private Task RunAndWaitAsync(Func<CancellationToken, Task> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(async ct =>
        {
            try
            {
                await work(ct);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    /// <summary>
    /// A routing pass; while customers still wait, a wake-up at the next shift start, so agents coming on shift
    /// get them at once.
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (await router.DrainAsync(cancellationToken) == 0
            || await calendar.NextShiftStartAsync(clock.GetUtcNow(), cancellationToken) is not { } next)
            return;
        var wait = next - clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        _nextShift?.Dispose();
        _nextShift = clock.CreateTimer(_ => RequestDrain(), null, wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Places in line moved but no agent has room (an agent answered a waiting customer and took the conversation): a
    /// routing pass within <see cref="PlacesRefresh"/> tells those waiting, one pass for all such moves meanwhile. A pass
    /// at once for each would tell every waiting customer their new place every time (4,000 pushes per reply with 4,000
    /// waiting).
    /// </summary>
    public void RequestPlacesRefresh()
    {
        if (Interlocked.Exchange(ref _placesRefreshPending, 1) == 1)
            return;
        var refresh = clock.CreateTimer(_ =>
        {
            Interlocked.Exchange(ref _placesRefreshPending, 0);
            RequestDrain();
        }, null, PlacesRefresh, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _placesRefresh, refresh)?.Dispose();
    }

    public override void Dispose()
    {
        _nextShift?.Dispose();
        _placesRefresh?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next trigger (or the recurring job) tries again; one failure must not stop routing.
                logger.LogError(ex, "A routing pass failed");
            }
        }
    }
}
