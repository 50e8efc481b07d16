using Microsoft.AspNetCore.Components;

namespace Portal.Components.Shared;

/// <summary>
/// A page that lists one page of results at a time (audit log, dataset, utterances): changing a filter goes back to the
/// first page, the pager moves between pages, and either reloads.
/// </summary>
public abstract class PagedListPage : ComponentBase
{
    /// <summary>The page shown, from 1.</summary>
    protected int PageNumber { get; private set; } = 1;

    /// <summary>Reads the current page with the current filters.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Applies a filter change and shows the first page of the new results.</summary>
    protected async Task ChangeAsync(Action change)
    {
        change();
        PageNumber = 1;
        await LoadAsync();
    }

    protected async Task GoToPageAsync(int page)
    {
        PageNumber = page;
        await LoadAsync();
    }
}
