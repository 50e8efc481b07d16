using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Portal.Features.Monitoring;

namespace Portal.Features.Shifts;

/// <summary>
/// Counts a signed-in person's open console tabs (Blazor circuits) for <see cref="AgentPresence"/>, and as agent
/// connections at /metrics: the console is how most agents are connected, not only <c>/hubs/agent</c>.
/// </summary>
public sealed class PresenceCircuitHandler(AuthenticationStateProvider authentication, AgentPresence presence, PortalMetrics metrics)
    : CircuitHandler
{
    private string? _connectedUserId;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_connectedUserId is not null)
            return;
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return;
        _connectedUserId = userId;
        metrics.ConnectionOpened("agent");
        await presence.ConnectedAsync(userId);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_connectedUserId is not { } userId)
            return Task.CompletedTask;
        _connectedUserId = null;
        metrics.ConnectionClosed("agent");
        return presence.DisconnectedAsync(userId);
    }
}
