using System.Globalization;
using Hangfire;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace Portal.Features.Reports;

/// <summary><c>/admin/reports</c>: conversations, response and resolution times and bot resolution over a range of days.</summary>
public sealed partial class ReportsPage
{
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(30);

    private DateTime? _from;
    private DateTime? _to;
    private ReportPeriod _groupBy = ReportPeriod.Day;
    private ReportBreakdown _by = ReportBreakdown.None;
    private Report? _report;
    private List<string> _errors = [];
    private bool _loading;
    private bool _refreshing;
    private bool _live;
    private string[] _chartLabels = [];
    private List<ChartSeries<double>> _conversationSeries = [];
    private List<ChartSeries<double>> _firstResponseSeries = [];

    [Inject] private ReportQueries Queries { get; set; } = default!;
    [Inject] private ReportRollups Rollups { get; set; } = default!;
    [Inject] private IBackgroundJobClient Jobs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private string PeriodName => _groupBy == ReportPeriod.Week ? "week" : "day";

    private string AsOfText => _report?.AsOf is { } asOf
        ? $"Figures as of {asOf:HH:mm} UTC" + (DateOnly.FromDateTime(asOf) == Today ? "" : $" on {asOf:yyyy-MM-dd}")
        : "Figures are being computed for the first time";

    private string ExportUrl => QueryHelpers.AddQueryString("/api/v1/reports/export.csv", Query());

    protected override async Task OnInitializedAsync()
    {
        _to = Today.ToDateTime(TimeOnly.MinValue);
        _from = _to.Value.AddDays(1 - ReportRequest.DefaultDays);
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
            return;
        _live = true;
        StateHasChanged();
    }

    private async Task ChangeAsync(Action change)
    {
        change();
        await LoadAsync();
    }

    private Dictionary<string, string?> Query() => new()
    {
        ["from"] = Day(_from), ["to"] = Day(_to),
        ["groupBy"] = _groupBy.ToString().ToLowerInvariant(), ["by"] = _by.ToString().ToLowerInvariant(),
    };

    private async Task LoadAsync()
    {
        var query = Query();
        var (request, errors) = ReportRequest.Parse(query["from"], query["to"], query["groupBy"], query["by"], Today);
        _errors = [.. errors.Values.SelectMany(messages => messages)];
        if (request is null)
            return;
        _loading = true;
        try
        {
            _report = await Queries.BuildAsync(request);
            DrawCharts(_report.Periods);
        }
        finally
        {
            _loading = false;
        }
    }

    private void DrawCharts(IReadOnlyList<ReportRow> periods)
    {
        _chartLabels = [.. periods.Select(r => r.Period.ToString("MM-dd", CultureInfo.InvariantCulture))];
        _conversationSeries = [new() { Name = "Conversations", Data = periods.Select(r => (double)r.Conversations).ToArray() }];
        _firstResponseSeries =
        [
            new() { Name = "First response p90 (min)", Data = periods.Select(r => Math.Round((r.FirstResponseP90Seconds ?? 0) / 60, 1)).ToArray() },
        ];
    }

    /// <summary>Queues the rollup job and reloads once it has run (or after a while, if the job queue is busy).</summary>
    private async Task RefreshAsync()
    {
        _refreshing = true;
        try
        {
            var before = await Rollups.LastRunAsync();
            Jobs.Enqueue<RollUpReportsJob>(job => job.RunAsync());
            var deadline = Clock.GetUtcNow() + RefreshTimeout;
            while (Clock.GetUtcNow() < deadline && await Rollups.LastRunAsync() == before)
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            await LoadAsync();
        }
        finally
        {
            _refreshing = false;
        }
    }

    private static string? Day(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Rate(ReportRow row) =>
        row.BotResolutionRate is { } rate ? $"{rate:P0} ({row.BotResolved}/{row.BotAnswered})" : "—";
}
