using Microsoft.AspNetCore.Authorization;

namespace Portal.Hosting;

/// <summary>Authorization policies; pages, endpoints and hubs name these, never roles directly.</summary>
public static class PortalPolicies
{
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static class Roles
    {
        public const string Admin = "Admin";
        public const string Agent = "Agent";
        public static readonly string[] All = [Admin, Agent];
    }

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder authorization) =>
        authorization
            .AddPolicy(Agent, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Agent, Roles.Admin))
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
}
