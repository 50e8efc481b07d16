using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Portal.Features.Audit;
using Portal.Features.Bot.Training;

namespace Portal.Features.Bot.Pages;

/// <summary>The dataset tab: examples per intent, the custom examples, CSV import and export.</summary>
public sealed partial class DatasetView
{
    // A UTF-8 character takes at most 4 bytes, so no file the API would take is refused here.
    private const long MaxFileBytes = 4L * BotTrainingApi.MaxImportCharacters;

    private IReadOnlyList<IntentExampleCount> _counts = [];
    private TrainingExamplePage _page = new([], 0);
    private TrainingExampleImport? _import;
    private string? _query;
    private string? _intent;
    private bool _importing;

    [Inject] private TrainingExamples Examples { get; set; } = default!;
    [Inject] private CircuitActor Actor { get; set; } = default!;

    private int PageCount => (_page.Total + TrainingExamples.PageSize - 1) / TrainingExamples.PageSize;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task ImportAsync(IBrowserFile? file)
    {
        if (file is null)
            return;
        _importing = true;
        try
        {
            await using var stream = file.OpenReadStream(MaxFileBytes);
            using var reader = new StreamReader(stream);
            var csv = await reader.ReadToEndAsync();
            _import = csv.Length > BotTrainingApi.MaxImportCharacters
                ? new TrainingExampleImport(0, 0, new Dictionary<string, string[]> { ["file"] = [$"Import at most {BotTrainingApi.MaxImportCharacters:N0} characters at a time."] })
                : await Examples.ImportAsync(new StringReader(csv), await Actor.GetAsync());
            await LoadAsync();
        }
        finally
        {
            _importing = false;
        }
    }

    protected override async Task LoadAsync()
    {
        _counts = await Examples.CountsAsync();
        _page = await Examples.ListCustomAsync(_query, _intent, PageNumber);
    }
}
