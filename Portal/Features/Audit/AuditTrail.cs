using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Audit;

/// <summary>The result of walking the audit chain: OK with the number of entries, or the first entry that breaks it.</summary>
public sealed record AuditVerification(bool Ok, int Count, long? BrokenAtId, string Detail);

/// <summary>
/// Appends to the audit log (who, what, when, from where, before → after) and verifies its hash chain.
/// There is deliberately no way to change or remove an entry.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, TimeProvider clock)
{
    private const int VerifyBatchSize = 1000;

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        // Chinese names stay readable in the log and the CSV; HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Records one action in its own write.</summary>
    public async Task RecordAsync(AuditActor actor, string action, string target, object? before, object? after, CancellationToken ct = default)
    {
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await AppendAsync(db, actor, action, target, before, after, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Adds an entry to <paramref name="db"/>'s pending changes, so the change it describes and the entry are saved together.
    /// The caller must hold the <see cref="DatabaseWriteGate"/> until it has saved, which keeps the chain linear.
    /// </summary>
    public async Task AppendAsync(PortalDbContext db, AuditActor actor, string action, string target, object? before, object? after,
        CancellationToken ct = default)
    {
        // An entry appended to this context but not saved yet is the newest link.
        var previousHash = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Hash).LastOrDefault()
            ?? await db.AuditLog.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(ct)
            ?? AuditChain.Genesis;
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            IpAddress = actor.IpAddress,
            Action = action,
            Target = target,
            Before = Serialize(before),
            After = Serialize(after),
            PreviousHash = previousHash,
            Hash = "",
        };
        entry.Hash = AuditChain.HashOf(entry);
        db.AuditLog.Add(entry);
    }

    /// <summary>Walks the whole chain in id order and reports the first entry that breaks it.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expectedPrevious = AuditChain.Genesis;
        var count = 0;
        long lastId = 0;
        while (true)
        {
            var batch = await db.AuditLog.AsNoTracking().Where(e => e.Id > lastId).OrderBy(e => e.Id).Take(VerifyBatchSize).ToListAsync(ct);
            if (batch.Count == 0)
                return new AuditVerification(true, count, null, count == 1 ? "The chain of 1 entry is intact." : $"The chain of {count:N0} entries is intact.");
            foreach (var entry in batch)
            {
                if (AuditChain.ProblemWith(entry, expectedPrevious) is { } problem)
                    return new AuditVerification(false, count, entry.Id, $"Entry {entry.Id} breaks the chain. {problem}");
                expectedPrevious = entry.Hash;
                count++;
            }
            lastId = batch[^1].Id;
        }
    }

    private static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), SnapshotJson);
}
