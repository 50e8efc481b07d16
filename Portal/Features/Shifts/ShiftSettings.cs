using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Settings;

namespace Portal.Features.Shifts;

/// <summary>The "shifts" setting: whether agents may sign in only during their shift, give or take a grace period.</summary>
public sealed record ShiftSettings(bool RestrictSignInToShifts = false, int GraceMinutes = 15)
{
    public const int MaxGraceMinutes = 720;

    [JsonIgnore]
    public TimeSpan Grace => TimeSpan.FromMinutes(GraceMinutes);
}

/// <summary>Reads and writes <see cref="ShiftSettings"/> in the Settings table (key "shifts").</summary>
public sealed class ShiftSettingsStore(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, TimeProvider clock)
{
    public const string Key = "shifts";
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task<ShiftSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == Key, ct);
        return stored is null ? new ShiftSettings() : JsonSerializer.Deserialize<ShiftSettings>(stored.Json, JsonOptions) ?? new ShiftSettings();
    }

    public async Task<ShiftSettings> SaveAsync(ShiftSettings settings, CancellationToken ct = default)
    {
        if (settings.GraceMinutes is < 0 or > ShiftSettings.MaxGraceMinutes)
            throw new ShiftRejectedException("graceMinutes", $"The grace period is 0 to {ShiftSettings.MaxGraceMinutes} minutes.");
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Settings.FirstOrDefaultAsync(s => s.Key == Key, ct);
        var json = JsonSerializer.Serialize(settings, JsonOptions);
        if (stored is null)
            db.Settings.Add(new Setting { Key = Key, Json = json });
        else
        {
            stored.Json = json;
            stored.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);
        return settings;
    }
}
