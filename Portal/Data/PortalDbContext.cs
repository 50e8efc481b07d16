using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Alerts;
using Portal.Features.Audit;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Catalog;
using Portal.Features.Knowledge;
using Portal.Features.Bot.Annotation;
using Portal.Features.Bot.Training;
using Portal.Features.Orders;
using Portal.Features.Reports;
using Portal.Features.Routing;
using Portal.Features.Settings;
using Portal.Features.Shifts;
using Portal.Features.Sites;

namespace Portal.Data;

/// <summary>The app's data on SQLite; <see cref="PostgresPortalDbContext"/> is the same model with PostgreSQL's own migrations.</summary>
public class PortalDbContext : IdentityDbContext<PortalUser, PortalRole, string>
{
    public PortalDbContext(DbContextOptions<PortalDbContext> options)
        : base(options)
    {
    }

    protected PortalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ShiftTemplate> ShiftTemplates => Set<ShiftTemplate>();
    public DbSet<ShiftAssignment> ShiftAssignments => Set<ShiftAssignment>();
    public DbSet<ShiftException> ShiftExceptions => Set<ShiftException>();
    public DbSet<SupportTeam> Teams => Set<SupportTeam>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<BotMemory> BotMemories => Set<BotMemory>();
    public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<BotUtterance> BotUtterances => Set<BotUtterance>();
    public DbSet<IntentTrainingExample> IntentTrainingExamples => Set<IntentTrainingExample>();
    public DbSet<ReportRollup> ReportRollups => Set<ReportRollup>();
    public DbSet<ReportRollupState> ReportRollupState => Set<ReportRollupState>();
    public DbSet<AlertRule> AlertRules => Set<AlertRule>();
    public DbSet<Alert> Alerts => Set<Alert>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is UTC, written and read: SQLite keeps no kind, and PostgreSQL's timestamptz takes UTC values only.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
