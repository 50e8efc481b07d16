using System.Globalization;
using System.Text;

namespace Portal.Features.Audit;

/// <summary>
/// Writes audit entries as RFC 4180 CSV in UTF-8 with a byte order mark, so Excel opens Chinese text correctly.
/// Cells that a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP "CSV injection").
/// </summary>
public static class AuditCsv
{
    public static readonly string[] Header =
        ["id", "at", "actorId", "actorName", "ipAddress", "action", "target", "before", "after", "previousHash", "hash"];

    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Row(Header));
        await foreach (var entry in entries.WithCancellation(ct))
            await writer.WriteLineAsync(Row(Cells(entry)));
    }

    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Escape));

    public static string Escape(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
            return "";
        if (cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }

    private static string?[] Cells(AuditEntry e) =>
    [
        e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture), e.ActorId, e.ActorName, e.IpAddress,
        e.Action, e.Target, e.Before, e.After, e.PreviousHash, e.Hash,
    ];
}
