using Microsoft.Extensions.Options;
using Portal.Features.Demo;
using Portal.Features.Team;

namespace Portal.Hosting;

public static class StartupTasks
{
    /// <summary>Migrates the database and seeds the admin (and the demo shop when enabled) before the app serves.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync();
        if (scope.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value.SeedDemoData)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }
}
