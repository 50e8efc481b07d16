using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Storage.SQLite;
using System.Security.Claims;
using Portal.Features.Team;

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
            // Workers look for new jobs every second (the default is 15 s): an alert's webhook post and a training run requested
            // in the UI should start at once, and the poll is a cheap query on Hangfire's own file.
            .UseSQLiteStorage(Path.Combine(dataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) }));
        builder.Services.AddHangfireServer(server => server.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return builder;
    }

    /// <summary>The Hangfire dashboard at <c>/hangfire</c>, for admins only (SPEC §3).</summary>
    public static IEndpointRouteBuilder MapPortalBackgroundJobs(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            AsyncAuthorization = [new SettingsManagers()],
            DashboardTitle = "Portal background jobs",
            AppPath = "/console",
        }).RequireAuthorization(Permissions.SettingsManage);
        return app;
    }

    /// <summary>Hangfire asks again inside the dashboard (its own requests bypass endpoint routing).</summary>
    private sealed class SettingsManagers : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            return userId is not null
                && (await http.RequestServices.GetRequiredService<AccessDirectory>().GetAsync(userId)).Has(Permissions.SettingsManage);
        }
    }
}
