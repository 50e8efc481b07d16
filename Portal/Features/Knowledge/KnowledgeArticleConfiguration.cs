using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Features.Sites;

namespace Portal.Features.Knowledge;

internal sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> article)
    {
        article.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId);
        article.Property(a => a.Title).HasMaxLength(KnowledgeArticle.MaxTitleLength);
        article.Property(a => a.Body).HasMaxLength(KnowledgeArticle.MaxBodyLength);
        article.Property(a => a.Keywords).HasMaxLength(KnowledgeArticle.MaxKeywordsLength);
        article.Property(a => a.Intent).HasMaxLength(32);
        article.Property(a => a.Locale).HasMaxLength(8);
        article.Property(a => a.UpdatedById).HasMaxLength(64);
        article.HasIndex(a => new { a.SiteId, a.Published });
    }
}
