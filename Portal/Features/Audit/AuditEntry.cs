namespace Portal.Features.Audit;

/// <summary>
/// One privileged action: who did what to what, when, from where, and the state before and after.
/// Entries are only ever appended; each carries the hash of the previous one, so an edit or a deletion breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";

    /// <summary>What happened, e.g. "role.permissions.changed", "user.deactivated", "order.deleted".</summary>
    public required string Action { get; set; }

    /// <summary>What it happened to, e.g. "role:Trainee", "user:agent1@portal.local", "order:1002".</summary>
    public required string Target { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>JSON of the state before and after (null when there was none).</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
