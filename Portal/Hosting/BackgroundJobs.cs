using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using System.Security.Claims;
using Portal.Features.Team;

namespace Portal.Hosting;

public static class BackgroundJobs
{
    /// <summary>Hangfire with its own SQLite file beside the app's database, or in the app's PostgreSQL database (schema <c>hangfire</c>).</summary>
    public static WebApplicationBuilder AddPortalBackgroundJobs(this WebApplicationBuilder builder, string dataDirectory)
    {
        // Workers look for new jobs every second (the default is 15 s): an alert's webhook post and a training run requested
        // in the UI should start at once, and the poll is a cheap query on Hangfire's own tables.
        var pollInterval = TimeSpan.FromSeconds(1);
        var usePostgres = DatabaseSetup.ReadOptions(builder.Configuration).Provider == DatabaseProvider.Postgres;
        var postgresConnectionString = usePostgres ? DatabaseSetup.PostgresConnectionString(builder.Configuration) : null;
        builder.Services.AddHangfire(hangfire =>
        {
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (postgresConnectionString is not null)
                hangfire.UsePostgreSqlStorage(
                    storage => storage.UseNpgsqlConnection(postgresConnectionString),
                    new PostgreSqlStorageOptions { QueuePollInterval = pollInterval });
            else
                hangfire.UseSQLiteStorage(Path.Combine(dataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = pollInterval });
        });
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
