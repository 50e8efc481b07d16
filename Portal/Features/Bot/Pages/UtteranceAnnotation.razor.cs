using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Features.Bot.Annotation;

namespace Portal.Features.Bot.Pages;

/// <summary>The annotation tab: customer messages the bot handled, least confident first, labelled in bulk.</summary>
public sealed partial class UtteranceAnnotation
{
    private const int PageSize = 50;

    private UtterancePage _page = new([], 1, PageSize, 0);
    private HashSet<BotUtterance> _selected = [];
    private IReadOnlyList<(string Intent, int Count)> _labelledCounts = [];
    private UtteranceLabelState _state = UtteranceLabelState.Unlabelled;
    private string? _predicted;
    private string? _query;
    private double? _below;
    private string? _labelIntent;
    private bool _loading;

    [Inject] private BotUtterances Utterances { get; set; } = default!;
    [Inject] private CircuitActor Actor { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private int PageCount => (_page.Total + PageSize - 1) / PageSize;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LabelAsync(string? intent)
    {
        var actor = await Actor.GetAsync();
        var count = await Utterances.LabelAsync([.. _selected.Select(u => u.Id)], intent, actor.UserId!);
        Snackbar.Add(intent is null ? $"Accepted the prediction of {count}." : $"Labelled {count} as {intent}.", Severity.Success);
        await LoadAsync();
    }

    private async Task UnlabelAsync()
    {
        var count = await Utterances.UnlabelAsync([.. _selected.Select(u => u.Id)]);
        Snackbar.Add($"Took the label off {count}.", Severity.Info);
        await LoadAsync();
    }

    protected override async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _page = await Utterances.SearchAsync(new UtteranceFilter(_state, _predicted, _query, _below), PageNumber, PageSize);
            _labelledCounts = await Utterances.LabelCountsAsync();
            _selected = [];
        }
        finally
        {
            _loading = false;
        }
    }

    private static Color ConfidenceColor(double confidence) =>
        confidence < 0.5 ? Color.Error : confidence < 0.8 ? Color.Warning : Color.Success;
}
