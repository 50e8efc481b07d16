using System.Globalization;
using Portal.Features.Audit;

namespace Portal.Features.Reports;

/// <summary>A report's rows as CSV (UTF-8 with a byte order mark, escaped like the audit export), durations in seconds.</summary>
public static class ReportCsv
{
    public static readonly string[] Header =
    [
        "period", "group", "conversations", "messages", "waitedForAgent", "firstResponded",
        "firstResponseMedianSeconds", "firstResponseP90Seconds", "closed", "resolutionMedianSeconds", "resolutionP90Seconds",
        "botAnswered", "botResolved", "botResolutionRate",
    ];

    public static async Task WriteAsync(Stream output, Report report, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, AuditCsv.Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(AuditCsv.Row(Header).AsMemory(), cancellationToken);
        foreach (var row in report.Rows)
            await writer.WriteLineAsync(AuditCsv.Row(Cells(row)).AsMemory(), cancellationToken);
    }

    private static string?[] Cells(ReportRow r) =>
    [
        r.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Label, Number(r.Conversations), Number(r.Messages),
        Number(r.WaitedForAgent), Number(r.FirstResponded), Seconds(r.FirstResponseMedianSeconds), Seconds(r.FirstResponseP90Seconds),
        Number(r.Closed), Seconds(r.ResolutionMedianSeconds), Seconds(r.ResolutionP90Seconds),
        Number(r.BotAnswered), Number(r.BotResolved), r.BotResolutionRate?.ToString("0.000", CultureInfo.InvariantCulture),
    ];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Seconds(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture);
}
