using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Widget;

/// <summary>Settings of the customer widget (<c>Portal:Widget</c>).</summary>
public sealed class WidgetOptions
{
    /// <summary>How long a visitor keeps their conversation without coming back; each visit renews it.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "3650.00:00:00")]
    public TimeSpan VisitorTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Most custom attributes one contact may carry.</summary>
    [Range(1, 500)]
    public int MaxAttributes { get; set; } = 50;

    /// <summary>Widget sessions one IP address may start per minute (a shop behind one NAT needs headroom).</summary>
    [Range(1, 1_000_000)]
    public int SessionsPerIpPerMinute { get; set; } = 600;
}
