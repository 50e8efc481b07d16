using System.Text.Json.Serialization;
using Portal.Features.Audit;
using Portal.Features.Settings;

namespace Portal.Features.Shifts;

/// <summary>The "shifts" setting: whether agents may sign in only during their shift, give or take a grace period.</summary>
public sealed record ShiftSettings(bool RestrictSignInToShifts = false, int GraceMinutes = 15)
{
    public ShiftSettings() : this(false, 15) { }

    public const int MaxGraceMinutes = 720;

    [JsonIgnore]
    public TimeSpan Grace => TimeSpan.FromMinutes(GraceMinutes);
}

/// <summary>Reads and changes <see cref="ShiftSettings"/> (Settings key "shifts"); every change is audit-logged.</summary>
public sealed class ShiftSettingsStore(SettingsStore settings, AuditTrail audit)
{
    public const string Key = "shifts";

    public Task<ShiftSettings> GetAsync(CancellationToken ct = default) => settings.GetAsync<ShiftSettings>(Key, ct);

    public async Task<ShiftSettings> SaveAsync(ShiftSettings input, AuditActor actor, CancellationToken ct = default)
    {
        if (input.GraceMinutes is < 0 or > ShiftSettings.MaxGraceMinutes)
            throw new ShiftRejectedException("graceMinutes", $"The grace period is 0 to {ShiftSettings.MaxGraceMinutes} minutes.");
        var before = await GetAsync(ct);
        await settings.SaveAsync(Key, input, ct);
        await audit.RecordAsync(actor, "settings.shifts.changed", "settings:shifts", before, input, ct);
        return input;
    }
}
