using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Routing;

/// <summary>How new conversations reach agents; admins change it on /admin/routing (stored under the key "routing").</summary>
public sealed record RoutingSettings
{
    public const string Key = "routing";

    /// <summary>Assign new conversations to an available agent automatically; otherwise they wait for someone to take them.</summary>
    public bool AutoAssign { get; init; } = true;

    /// <summary>When an agent goes offline, put their open conversations back in the queue.</summary>
    public bool UnassignWhenOffline { get; init; }

    /// <summary>The team whose queue new conversations join; null: anyone available.</summary>
    public Guid? DefaultTeamId { get; init; }

    /// <summary>How long one conversation usually takes an agent; the widget's wait estimate uses it.</summary>
    [Range(1, 240)]
    public int AverageHandleMinutes { get; init; } = 6;
}
