using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;

namespace Portal.Features.Shifts;

internal sealed class ShiftTemplateConfiguration : IEntityTypeConfiguration<ShiftTemplate>
{
    public void Configure(EntityTypeBuilder<ShiftTemplate> template)
    {
        template.Property(t => t.Name).HasMaxLength(100);
        template.HasIndex(t => t.Name).IsUnique();
        template.Property(t => t.TimeZone).HasMaxLength(64);
        template.Property(t => t.Color).HasMaxLength(9);
        template.PrimitiveCollection(t => t.Weekdays);
    }
}

internal sealed class ShiftAssignmentConfiguration : IEntityTypeConfiguration<ShiftAssignment>
{
    public void Configure(EntityTypeBuilder<ShiftAssignment> assignment)
    {
        assignment.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<ShiftTemplate>().WithMany().HasForeignKey(a => a.ShiftTemplateId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasIndex(a => new { a.Date, a.UserId, a.ShiftTemplateId }).IsUnique();
        assignment.HasIndex(a => new { a.UserId, a.Date });
    }
}

internal sealed class ShiftExceptionConfiguration : IEntityTypeConfiguration<ShiftException>
{
    public void Configure(EntityTypeBuilder<ShiftException> exception)
    {
        exception.HasOne<PortalUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        exception.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        exception.Property(e => e.Note).HasMaxLength(200);
        exception.HasIndex(e => e.Date);
    }
}
