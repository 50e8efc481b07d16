using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Features.Audit;

/// <summary>
/// The hash chain that makes the audit log tamper-evident. An entry's hash is the lowercase hex SHA-256 of the UTF-8
/// JSON array [PreviousHash, At (round-trip "O" format, UTC), ActorId, ActorName, Action, Target, IpAddress, Before, After];
/// a JSON array keeps field boundaries and nulls unambiguous. The first entry's previous hash is <see cref="Genesis"/>.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(AuditEntry entry)
    {
        string?[] fields =
        [
            entry.PreviousHash,
            DateTime.SpecifyKind(entry.At, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
            entry.ActorId, entry.ActorName, entry.Action, entry.Target, entry.IpAddress, entry.Before, entry.After,
        ];
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));
    }

    /// <summary>What is wrong with an entry that should follow the entry with <paramref name="expectedPreviousHash"/>, or null.</summary>
    public static string? ProblemWith(AuditEntry entry, string expectedPreviousHash) =>
        entry.PreviousHash != expectedPreviousHash
            ? "It does not follow the entry before it: an entry before it was removed, or its link was changed."
            : HashOf(entry) != entry.Hash
                ? "Its content does not match its hash: it was changed after it was written."
                : null;
}
