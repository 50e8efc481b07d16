using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Shifts;

/// <summary>When an online agent becomes away on their own (<c>Portal:Presence</c>).</summary>
public sealed class PresenceOptions
{
    /// <summary>How long after their last console tab or hub connection closes; long enough that a page reload does not flap.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DisconnectGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long without mouse, keyboard or hub activity.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AwayAfterIdle { get; set; } = TimeSpan.FromMinutes(10);
}
