namespace Portal.Features.Routing;

/// <summary>
/// Tries the queues again: agents coming on shift and conversations whose team had nobody free are picked up
/// even when no event set routing off. Safe to run any time (a routing pass is idempotent).
/// </summary>
public sealed class AssignQueuedConversationsJob(RoutingQueue queue)
{
    public Task RunAsync() => queue.DrainNowAsync();
}
