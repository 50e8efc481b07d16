using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Features.Audit;

/// <summary>
/// The audit actor of a Blazor circuit: the signed-in user, and the IP address the circuit's connection came from
/// (captured by <see cref="CircuitActorHandler"/> when the connection comes up, while its request is still at hand).
/// </summary>
public sealed class CircuitActor(AuthenticationStateProvider authentication)
{
    internal string? IpAddress { get; set; }

    public async Task<AuditActor> GetAsync() =>
        AuditActor.From((await authentication.GetAuthenticationStateAsync()).User, null) with { IpAddress = IpAddress };
}

/// <summary>
/// The circuit's connection is made by the SignalR request to <c>/_blazor</c>; while the hub starts or resumes the circuit,
/// <see cref="IHttpContextAccessor"/> still sees that request, so its remote address is the client's.
/// </summary>
internal sealed class CircuitActorHandler(CircuitActor actor, IHttpContextAccessor http) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (http.HttpContext?.Connection.RemoteIpAddress is { } address)
            actor.IpAddress = address.ToString();
        return Task.CompletedTask;
    }
}
