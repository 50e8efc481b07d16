using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace Portal.Features.Shifts;

/// <summary>Counts the agent hub's connections and treats every hub call as activity, for <see cref="AgentPresence"/>.</summary>
public sealed class AgentPresenceHubFilter(AgentPresence presence) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (UserId(invocation.Context) is { } userId)
            await presence.ActiveAsync(userId);
        return await next(invocation);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        if (UserId(context.Context) is { } userId)
            await presence.ConnectedAsync(userId);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        await next(context, exception);
        if (UserId(context.Context) is { } userId)
            await presence.DisconnectedAsync(userId);
    }

    private static string? UserId(HubCallerContext context) => context.User?.FindFirstValue(ClaimTypes.NameIdentifier);
}
