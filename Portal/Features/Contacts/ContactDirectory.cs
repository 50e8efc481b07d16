using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Contacts;

/// <summary>Reads a customer's details: for the console's customer panel, and their name for each message they send.</summary>
public sealed class ContactDirectory(IDbContextFactory<PortalDbContext> dbFactory)
{
    // Read for every customer message: compiled once, and only the columns the name is made of.
    private static readonly PerModel<Func<PortalDbContext, Guid, CancellationToken, Task<string?>>> DisplayNameById = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db, Guid id, CancellationToken _) =>
            db.Contacts.Where(c => c.Id == id).Select(c => Contact.DisplayNameOf(c.Name, c.Email, c.Id)).FirstOrDefault()));

    public async Task<Contact?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The name the team sees for the customer (<see cref="Contact.DisplayName"/>); null when there is no such contact.</summary>
    public async Task<string?> DisplayNameAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DisplayNameById.For(db)(db, id, cancellationToken);
    }
}
