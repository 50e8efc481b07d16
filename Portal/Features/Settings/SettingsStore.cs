using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Settings;

/// <summary>Settings admins change in the UI, each a JSON document under a key; missing ones read as their defaults.</summary>
public sealed class SettingsStore(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, TimeProvider clock)
{
    public async Task<T> GetAsync<T>(string key, CancellationToken cancellationToken = default) where T : new()
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var setting = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        return setting is null ? new T() : JsonSerializer.Deserialize<T>(setting.Json, JsonSerializerOptions.Web) ?? new T();
    }

    public async Task SaveAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
            if (setting is null)
                db.Settings.Add(new Setting { Key = key, Json = json, UpdatedAt = clock.GetUtcNow().UtcDateTime });
            else
                (setting.Json, setting.UpdatedAt) = (json, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
