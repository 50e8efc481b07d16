using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Features.Audit;

/// <summary><c>/admin/audit</c>: search the audit log, see what each action changed, export it and verify its chain.</summary>
public sealed partial class AuditLogPage
{
    private AuditPage _page = new([], 1, AuditQueries.PageSize, 0);
    private IReadOnlyList<string> _actions = [];
    private string? _query;
    private string? _action;
    private string? _actor;
    private DateTime? _from;
    private DateTime? _to;
    private bool _loading;
    private bool _verifying;
    private AuditVerification? _verification;

    [Inject] private AuditQueries Queries { get; set; } = default!;
    [Inject] private AuditTrail Trail { get; set; } = default!;

    private int PageCount => (_page.Total + _page.PageSize - 1) / _page.PageSize;

    // Dates are whole UTC days: "to" includes the whole of its day.
    private AuditFilter Filter => new(_query, _action, _actor,
        _from is { } from ? DateTime.SpecifyKind(from.Date, DateTimeKind.Utc) : null,
        _to is { } to ? DateTime.SpecifyKind(to.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc) : null);

    private string ExportUrl
    {
        get
        {
            var filter = Filter;
            var query = new Dictionary<string, string?>
            {
                ["q"] = filter.Query, ["action"] = filter.Action, ["actor"] = filter.Actor,
                ["from"] = filter.From?.ToString("O"), ["to"] = filter.To?.ToString("O"),
            };
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/v1/audit/export.csv",
                query.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _actions = await Queries.ActionsAsync();
        await LoadAsync();
    }

    protected override async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _page = await Queries.SearchAsync(Filter, PageNumber);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task VerifyAsync()
    {
        _verifying = true;
        try
        {
            _verification = await Trail.VerifyAsync();
        }
        finally
        {
            _verifying = false;
        }
    }

    private static string Entries(int count) => count == 1 ? "1 entry" : $"{count:N0} entries";

    private static Color ActionColor(string action) =>
        action.EndsWith(".deleted", StringComparison.Ordinal) ? Color.Error
        : action.EndsWith(".cancelled", StringComparison.Ordinal) ? Color.Warning
        : action.EndsWith(".restored", StringComparison.Ordinal) ? Color.Success
        : Color.Default;
}
