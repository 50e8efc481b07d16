using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>
/// Work that must run one at a time across every Portal node sharing a database (a routing pass, start-up migration and
/// seeding). On PostgreSQL it holds a transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>) on a connection of its
/// own for the whole of the work: the next holder starts after this one's writes are committed and sees them. The lock dies
/// with its transaction: when the work ends or fails (rollback), or when the node dies (PostgreSQL ends the session with the
/// connection), so a crashed node never leaves it taken. On SQLite there is one process per database, and the callers already
/// run their work one at a time inside it, so the work simply runs.
/// </summary>
/// <remarks>
/// Lock order: the cluster lock is always taken first, with no transaction or row lock open, and the work takes row locks
/// (<c>FOR UPDATE</c>, conditional <c>UPDATE</c>s) on its own connections. Writers that lock a conversation row never ask for
/// a cluster lock, so nobody holding a row lock waits for a cluster lock and no cycle can form. Callers must keep it so: never
/// take a cluster lock inside an open transaction, and never wait inside the work for something that waits for the same lock.
/// Work that must stay with one node across runs (it keeps state in memory) takes <see cref="Portal.Hosting.SingleNodeDuty"/>
/// instead.
/// </remarks>
public sealed class ClusterLock(IDbContextFactory<PortalDbContext> dbFactory, bool acrossNodes)
{
    /// <summary>Runs <paramref name="work"/> while no other node runs work under the same <paramref name="name"/>.</summary>
    /// <param name="maxWait">How long to wait for another node's work to end before giving up (the lock query times out).</param>
    public async Task<T> RunExclusiveAsync<T>(string name, TimeSpan maxWait, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!acrossNodes)
            return await work(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(maxWait);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeyOf(name)})", cancellationToken);
        var result = await work(cancellationToken);
        // Nothing was written on this connection: the commit only ends the transaction, and with it the lock.
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// <inheritdoc cref="RunExclusiveAsync{T}"/>
    public Task RunExclusiveAsync(string name, TimeSpan maxWait, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunExclusiveAsync(name, maxWait, async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The advisory lock key of a name: the same on every node and every run (string.GetHashCode is randomized per process).
    /// </summary>
    private static long KeyOf(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"portal:{name}")));
}
