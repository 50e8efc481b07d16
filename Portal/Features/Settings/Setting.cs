namespace Portal.Features.Settings;

/// <summary>A setting an admin changes in the UI (stored as JSON under a key such as "routing" or "team").</summary>
public sealed class Setting
{
    public required string Key { get; set; }
    public required string Json { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class SettingConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<Setting>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Setting> setting)
    {
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(64);
    }
}
