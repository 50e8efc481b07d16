namespace Portal.Features.Reports;

/// <summary>One line of a report: a period (its first day) and, when split, one agent, team, channel or site.</summary>
/// <param name="Period">The first day of the period (the range's first day for a total).</param>
/// <param name="Key">The agent's user id, team id, channel or site id; null for "all", "unassigned" or "no team".</param>
/// <param name="WaitedForAgent">Conversations in which the customer waited for a person.</param>
/// <param name="FirstResponded">Of those, the ones a person answered; first-response times are theirs.</param>
/// <param name="BotResolutionRate">Bot-resolved / bot-answered, or null when the bot answered none.</param>
public sealed record ReportRow(
    DateOnly Period, string? Key, string Label,
    int Conversations, int Messages,
    int WaitedForAgent, int FirstResponded, double? FirstResponseMedianSeconds, double? FirstResponseP90Seconds,
    int Closed, double? ResolutionMedianSeconds, double? ResolutionP90Seconds,
    int BotAnswered, int BotResolved, double? BotResolutionRate);

/// <summary>A report as the page, the API and the CSV export show it.</summary>
/// <param name="AsOf">When the rollups were last brought up to date; null before the first run.</param>
/// <param name="PercentilePrecision">Medians and p90s are within this fraction of the exact value.</param>
/// <param name="Periods">Each period unsplit (the same as <see cref="Rows"/> when <see cref="By"/> is none), for charts:
/// percentiles of the split rows cannot be added back together.</param>
/// <param name="Total">The whole range, unsplit.</param>
public sealed record Report(
    DateOnly From, DateOnly To, string GroupBy, string By, DateTime? AsOf, double PercentilePrecision,
    IReadOnlyList<ReportRow> Rows, IReadOnlyList<ReportRow> Periods, ReportRow Total);
