namespace Portal.Features.Routing;

public enum RoutingMode { Balanced, RoundRobin }

/// <summary>A group of agents with its own queue, e.g. pre-sales or after-sales.</summary>
public sealed class SupportTeam
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Balanced: least loaded, then longest idle. Round-robin: next member after the last one assigned.</summary>
    public RoutingMode Mode { get; set; } = RoutingMode.Balanced;

    /// <summary>Where round-robin continues from.</summary>
    public string? LastAssignedUserId { get; set; }
}

public sealed class TeamMember
{
    public Guid TeamId { get; set; }
    public required string UserId { get; set; }
}
