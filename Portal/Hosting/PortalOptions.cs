using System.ComponentModel.DataAnnotations;

namespace Portal.Hosting;

/// <summary>Top-level settings (<c>Portal</c> in appsettings.json).</summary>
public sealed class PortalOptions
{
    /// <summary>Where the SQLite database, Hangfire storage and Data Protection keys live; relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed the demo site, agents and conversations on first start.</summary>
    public bool SeedDemoData { get; set; } = true;

    public BootstrapOptions Bootstrap { get; set; } = new();

    /// <summary>
    /// Scale-out mode (SPEC §3): a StackExchange.Redis configuration (<c>redis:6379</c>). When set, hub messages reach clients
    /// on every node through Redis, and the Data Protection keys (sign-in cookies, stored secrets) are shared there.
    /// </summary>
    public string? Redis { get; set; }

    public string ResolveDataDirectory(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory));
}

/// <summary>The first admin account (<c>Portal:Bootstrap</c>).</summary>
public sealed class BootstrapOptions
{
    [Required, EmailAddress]
    public string AdminEmail { get; set; } = "admin@portal.local";

    /// <summary>When empty, a password is generated and printed once to the console.</summary>
    public string? AdminPassword { get; set; }
}
