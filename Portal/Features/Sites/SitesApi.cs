using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Team;

namespace Portal.Features.Sites;

public static class SitesApi
{
    public sealed record SiteDto(Guid Id, string Name, string SiteKey, IReadOnlyList<string> AllowedOrigins,
        bool RequireIdentityVerification, bool RequireTimestampedIdentity, int IdentityMaxAgeSeconds, DateTime CreatedAt);

    public static IEndpointRouteBuilder MapSitesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/sites").WithTags("Sites").RequireAuthorization(PermissionPolicies.Staff);
        api.MapGet("/", ListSites).WithName("ListSites").WithSummary("List sites")
            .WithDescription("The sites that embed the widget, with their site keys.");
        return app;
    }

    private static async Task<Ok<SiteDto[]>> ListSites(SiteDirectory sites, CancellationToken cancellationToken)
    {
        var list = await sites.ListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(s => new SiteDto(s.Id, s.Name, s.SiteKey, s.AllowedOrigins,
            s.RequireIdentityVerification, s.RequireTimestampedIdentity, s.IdentityMaxAgeSeconds, s.CreatedAt)).ToArray());
    }
}
