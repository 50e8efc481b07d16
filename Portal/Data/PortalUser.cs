using Microsoft.AspNetCore.Identity;

namespace Portal.Data;

/// <summary>A person who signs in to Portal: an agent, a supervisor or an admin.</summary>
public sealed class PortalUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
