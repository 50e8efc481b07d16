using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Features.Shifts;

/// <summary>Counts a signed-in person's open console tabs (Blazor circuits) for <see cref="AgentPresence"/>.</summary>
public sealed class PresenceCircuitHandler(AuthenticationStateProvider authentication, AgentPresence presence) : CircuitHandler
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
        await presence.ConnectedAsync(userId);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_connectedUserId is not { } userId)
            return Task.CompletedTask;
        _connectedUserId = null;
        return presence.DisconnectedAsync(userId);
    }
}
