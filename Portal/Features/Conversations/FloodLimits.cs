using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Portal.Features.Conversations;

/// <summary>How fast one customer or one agent may send through the hubs (<c>Portal:FloodLimits</c>, SPEC §6).</summary>
public sealed class FloodLimitOptions
{
    /// <summary>Messages one visitor may send per minute (a fast typist writes a few a minute).</summary>
    [Range(1, 100_000)]
    public int CustomerMessagesPerMinute { get; set; } = 30;

    /// <summary>Replies one agent may send per minute over the agent hub.</summary>
    [Range(1, 100_000)]
    public int AgentMessagesPerMinute { get; set; } = 120;

    /// <summary>Typing notices one connection may send per minute; more are dropped silently.</summary>
    [Range(1, 100_000)]
    public int TypingPerMinute { get; set; } = 60;
}

/// <summary>
/// Refuses hub calls that send faster than <see cref="FloodLimitOptions"/> allow, per visitor (whatever number of
/// tabs) or per agent, with a clear hub error; nothing is stored. Typing floods are dropped without an error.
/// </summary>
public sealed class FloodLimitFilter(IOptions<FloodLimitOptions> options) : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
    {
        var perMinute = key.StartsWith("typing:", StringComparison.Ordinal) ? options.Value.TypingPerMinute
            : key.StartsWith("agent:", StringComparison.Ordinal) ? options.Value.AgentMessagesPerMinute
            : options.Value.CustomerMessagesPerMinute;
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    });

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var key = KeyOf(invocation);
        if (key is null)
            return await next(invocation);
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
            return await next(invocation);
        if (key.StartsWith("typing:", StringComparison.Ordinal))
            return null;
        throw new HubException("You are sending messages too fast; wait a moment and send again.");
    }

    /// <summary>Which budget a call spends: the caller's identity for sends and typing, nothing for reads.</summary>
    private static string? KeyOf(HubInvocationContext invocation)
    {
        var user = invocation.Context.User;
        var who = user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } agentId ? $"agent:{agentId}"
            : Widget.VisitorAuthentication.From(user) is { } visitor ? $"visitor:{visitor.ContactId}"
            : null;
        return (who, invocation.HubMethodName) switch
        {
            (null, _) => null,
            (_, "Send" or "Reply") => who,
            (_, "Typing") => $"typing:{invocation.Context.ConnectionId}",
            _ => null,
        };
    }

    public void Dispose() => _limiter.Dispose();
}
