namespace Portal.Features.Contacts;

/// <summary>A customer of a site: an anonymous visitor until the shop identifies them.</summary>
public sealed class Contact
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SiteId { get; set; }

    /// <summary>The shop's own user id, set through <c>PortalChat.setUser</c>.</summary>
    public string? ExternalId { get; set; }
    public bool IdentityVerified { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>Custom attributes the shop sets through <c>PortalChat.setAttributes</c>.</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    public string? CurrentPageUrl { get; set; }
    public string? CurrentPageTitle { get; set; }
    public string? Browser { get; set; }
    public string? TimeZone { get; set; }
    public string? Locale { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime LastSeenAt { get; set; } = DateTime.UtcNow;

    /// <summary>A readable name for the console: the given name, else the e-mail, else "Visitor" and a short id.</summary>
    public string DisplayName => DisplayNameOf(Name, Email, Id);

    public static string DisplayNameOf(string? name, string? email, Guid id) =>
        !string.IsNullOrWhiteSpace(name) ? name
        : !string.IsNullOrWhiteSpace(email) ? email
        : $"Visitor {id.ToString("N")[^6..].ToUpperInvariant()}";
}
