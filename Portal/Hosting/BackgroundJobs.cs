using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Storage.SQLite;

namespace Portal.Hosting;

public static class BackgroundJobs
{
    /// <summary>Hangfire with its own SQLite file beside the app's database.</summary>
    public static WebApplicationBuilder AddPortalBackgroundJobs(this WebApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseSQLiteStorage(Path.Combine(dataDirectory, "hangfire.db")));
        builder.Services.AddHangfireServer(server => server.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return builder;
    }

    /// <summary>The Hangfire dashboard at <c>/hangfire</c>, for admins only (SPEC §3).</summary>
    public static IEndpointRouteBuilder MapPortalBackgroundJobs(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminsOnly()],
            DashboardTitle = "Portal background jobs",
            AppPath = "/console",
        }).RequireAuthorization(PortalPolicies.Admin);
        return app;
    }

    private sealed class AdminsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(PortalPolicies.Roles.Admin);
    }
}
