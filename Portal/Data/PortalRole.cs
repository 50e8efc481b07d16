using Microsoft.AspNetCore.Identity;

namespace Portal.Data;

/// <summary>A named set of permissions (kept as role claims); a user may hold several.</summary>
public sealed class PortalRole : IdentityRole
{
    public PortalRole() { }

    public PortalRole(string name) : base(name) { }

    public string Description { get; set; } = "";

    /// <summary>Shipped roles (Owner, Admin, …) can be edited but not deleted or renamed.</summary>
    public bool IsBuiltIn { get; set; }

    /// <summary>Members must use two-factor sign-in.</summary>
    public bool RequiresTwoFactor { get; set; }
}
