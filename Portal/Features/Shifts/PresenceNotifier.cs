using Portal.Data;
using Portal.Hosting;

namespace Portal.Features.Shifts;

/// <summary>An agent's presence changed (by their choice, or idle or disconnect made them away); published after it is stored.</summary>
public sealed record PresenceChanged(string UserId, Presence Presence);

/// <summary>In-process stream of presence changes: routing, the console's presence menu and "who is on now" subscribe.</summary>
public sealed class PresenceNotifier(ILogger<PresenceNotifier> logger) : EventStream<PresenceChanged>(logger);
