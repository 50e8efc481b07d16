using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Portal.Features.Monitoring.Traces.Pages;

/// <summary><c>/admin/traces</c>: the recent message traces, newest first, and the timeline of the one picked.</summary>
public sealed partial class TracesPage
{
    private const int Shown = 200;

    private IReadOnlyList<TraceSummaryDto> _traces = [];
    private TraceDto? _selected;
    private bool _selectedDropped;
    private bool _conversationInvalid;
    private int _kept;
    private bool _live;

    /// <summary>Shows only this conversation's traces (<c>?conversation=</c> links straight to them).</summary>
    [SupplyParameterFromQuery] public string? Conversation { get; set; }

    [Inject] private IOptions<TracingOptions> Options { get; set; } = default!;

    protected override void OnInitialized()
    {
        _kept = Options.Value.KeptTraces;
        Load();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // The prerendered page ignores input until the circuit is up; data-live tells browser automation when it is.
        if (firstRender)
        {
            _live = true;
            StateHasChanged();
        }
    }

    private void Load()
    {
        Guid? conversationId = Guid.TryParse(Conversation, out var id) ? id : null;
        _conversationInvalid = Conversation is { Length: > 0 } && conversationId is null;
        _traces = Traces.Newest(conversationId, Shown);
    }

    private Task FilterAsync(string? conversation)
    {
        Conversation = conversation?.Trim();
        Load();
        return Task.CompletedTask;
    }

    private void Select(TraceSummaryDto summary)
    {
        var kept = Traces.Find(summary.TraceId);
        (_selected, _selectedDropped) = kept is null ? (null, true) : (TraceViews.ToTree(kept), false);
        if (kept is null)
            Load();
    }
}
