using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Reports;

// No foreign keys: rollups are derived data, rebuilt from the conversations; a deleted team or person only
// changes them at the next rebuild.
internal sealed class ReportRollupConfiguration : IEntityTypeConfiguration<ReportRollup>
{
    public void Configure(EntityTypeBuilder<ReportRollup> rollup)
    {
        rollup.ToTable("ReportRollups");
        rollup.HasIndex(r => r.Day);
        rollup.Property(r => r.Channel).HasMaxLength(32);
        rollup.Property(r => r.AgentId).HasMaxLength(64);
        rollup.Property(r => r.FirstResponseTimes).HasMaxLength(4000);
        rollup.Property(r => r.ResolutionTimes).HasMaxLength(4000);
    }
}

internal sealed class ReportRollupStateConfiguration : IEntityTypeConfiguration<ReportRollupState>
{
    public void Configure(EntityTypeBuilder<ReportRollupState> state)
    {
        state.ToTable("ReportRollupState");
        state.Property(s => s.Id).ValueGeneratedNever();
    }
}
