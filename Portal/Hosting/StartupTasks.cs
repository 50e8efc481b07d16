using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Demo;
using Portal.Features.Team;

namespace Portal.Hosting;

public static class StartupTasks
{
    // Long enough for another node's first start (every migration and the demo shop) on a slow machine.
    private static readonly TimeSpan WaitForAnotherNode = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Migrates the database and seeds the admin (and the demo shop when enabled) before the app serves. Nodes starting
    /// together take turns (<see cref="ClusterLock"/>): the first migrates and seeds, the next finds it done, so the seeders'
    /// "is it there yet?" checks never race into duplicate rows.
    /// </summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await app.Services.EnsureDatabaseExistsAsync();
        await app.Services.GetRequiredService<ClusterLock>().RunExclusiveAsync("start-up", WaitForAnotherNode, async _ =>
        {
            await app.Services.MigrateDatabaseAsync();
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync();
            if (scope.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value.SeedDemoData)
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }, CancellationToken.None);
    }
}
