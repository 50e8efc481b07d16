using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;

namespace Portal.Features.Routing;

internal sealed class SupportTeamConfiguration : IEntityTypeConfiguration<SupportTeam>
{
    public void Configure(EntityTypeBuilder<SupportTeam> team)
    {
        team.ToTable("Teams");
        team.Property(t => t.Name).HasMaxLength(100);
        team.HasIndex(t => t.Name).IsUnique();
        team.Property(t => t.Description).HasMaxLength(500);
        team.Property(t => t.Mode).HasConversion<string>().HasMaxLength(16);
        team.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.LastAssignedUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        member.HasKey(m => new { m.TeamId, m.UserId });
        member.HasOne<SupportTeam>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
