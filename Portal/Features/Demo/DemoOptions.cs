using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Demo;

/// <summary>The demo shop seeded on first start (<c>Portal:Demo</c>).</summary>
public sealed class DemoOptions
{
    /// <summary>The site key of "Demo Shop", which <c>/demo</c> embeds.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{4,64}$")]
    public string SiteKey { get; set; } = "demo-shop";

    /// <summary>Password of the demo agents (agent1@portal.local, agent2@portal.local).</summary>
    [Required, MinLength(8)]
    public string AgentPassword { get; set; } = "Agent123!";
}
