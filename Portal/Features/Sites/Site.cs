namespace Portal.Features.Sites;

/// <summary>A shop web site that embeds the widget with its <see cref="SiteKey"/>.</summary>
public sealed class Site
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>The public key a shop puts in its script tag (<c>data-site</c>).</summary>
    public required string SiteKey { get; set; }

    /// <summary>Origins allowed to embed the widget and to connect to the widget hub; empty allows any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Secret for the HMAC-SHA256 identity hash a shop computes for a signed-in customer.</summary>
    public required string IdentitySecret { get; set; }

    public bool RequireIdentityVerification { get; set; }
    public bool RequireTimestampedIdentity { get; set; }
    public int IdentityMaxAgeSeconds { get; set; } = 600;

    /// <summary>The bot answers this site's new conversations first and hands over to people.</summary>
    public bool BotEnabled { get; set; } = true;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
