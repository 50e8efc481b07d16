using Microsoft.AspNetCore.Identity;

namespace Portal.Data;

public enum Presence { Offline, Away, Online }

/// <summary>A person who signs in to Portal: an agent, a supervisor or an admin.</summary>
public sealed class PortalUser : IdentityUser
{
    public const int DefaultCapacity = 5;

    [PersonalData]
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>False once an admin deactivates the account: it can no longer sign in or use any session.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Temporary and part-time accounts: usable only from this time (UTC)…</summary>
    public DateTime? ActiveFrom { get; set; }

    /// <summary>…and until this time (UTC), after which they expire on their own.</summary>
    public DateTime? ActiveUntil { get; set; }

    /// <summary>Most conversations routed to the agent at once.</summary>
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>What the agent chose (online/away/offline); idle and disconnect make an online agent away.</summary>
    public Presence Presence { get; set; } = Presence.Offline;
    public DateTime? PresenceChangedAt { get; set; }

    /// <summary>When routing last gave the agent a conversation ("longest idle" breaks ties).</summary>
    public DateTime? LastAssignedAt { get; set; }

    public bool IsUsableAt(DateTime utcNow) =>
        IsActive && (ActiveFrom is null || ActiveFrom <= utcNow) && (ActiveUntil is null || utcNow < ActiveUntil);
}
