using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Contacts;

/// <summary>Reads a customer's details for the console's customer panel.</summary>
public sealed class ContactDirectory(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<Contact?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }
}
