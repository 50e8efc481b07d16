using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Monitoring.Live;

/// <summary>How often the live figures are sampled and how much of them is kept (<c>Portal:Monitoring</c>).</summary>
public sealed class LiveMonitorOptions
{
    /// <summary>Time between two samples; alerts are evaluated on each, so a breach is seen within this (plus the evaluation).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The figures that ask the database more (agents on shift and online, the bot's share) are refreshed this often.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SlowFiguresInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Samples kept in memory for the dashboard's longest range.</summary>
    [Range(typeof(TimeSpan), "00:15:00", "7.00:00:00")]
    public TimeSpan History { get; set; } = TimeSpan.FromHours(24);
}
