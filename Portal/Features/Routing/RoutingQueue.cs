using System.Threading.Channels;

namespace Portal.Features.Routing;

/// <summary>
/// Runs routing work one piece at a time in the background, so routing decisions never race each other
/// (never two agents for one conversation) and nobody who sends a message waits for routing.
/// </summary>
public sealed class RoutingQueue(ConversationRouter router, ILogger<RoutingQueue> logger) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(
        new UnboundedChannelOptions { SingleReader = true });
    private int _drainPending;

    /// <summary>A new conversation waits for an agent.</summary>
    public void Enqueue(Guid conversationId)
    {
        _work.Writer.TryWrite(ct => router.EnqueueAsync(conversationId, ct));
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
                return router.DrainAsync(ct);
            });
    }

    /// <summary>Runs a drain now and waits for it (the recurring job, and tests).</summary>
    public Task DrainNowAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(async ct =>
        {
            try
            {
                await router.DrainAsync(ct);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
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
