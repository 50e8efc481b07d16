using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Features.Sites;
using Portal.Features.Team;

namespace Portal.Features.Knowledge;

/// <summary><c>/admin/knowledge</c>: write the bot's FAQ articles per site, and try what it finds for a question.</summary>
public sealed partial class KnowledgePage
{
    private IReadOnlyList<Site> _sites = [];
    private Guid _siteId;
    private IReadOnlyList<KnowledgeArticleDto> _articles = [];
    private string? _search;
    private string? _locale;
    private bool _loading;
    private string _question = "";
    private string? _questionLocale;
    private IReadOnlyList<KnowledgeHit>? _hits;
    // Set once the circuit is up (after the prerendered page), when buttons start to work.
    private bool _live;

    [Inject] private SiteDirectory Sites { get; set; } = default!;
    [Inject] private KnowledgeBase Knowledge { get; set; } = default!;
    [Inject] private KnowledgeSearch Search { get; set; } = default!;
    [Inject] private CircuitActor Actor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _sites = await Sites.ListAsync();
        _siteId = _sites.FirstOrDefault()?.Id ?? Guid.Empty;
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = true;
            StateHasChanged();
        }
    }

    private async Task ChangeSiteAsync(Guid siteId)
    {
        (_siteId, _hits) = (siteId, null);
        await LoadAsync();
    }

    private async Task ReloadAsync(Action change)
    {
        change();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_siteId == Guid.Empty)
            return;
        _loading = true;
        _articles = await Knowledge.ListAsync(_siteId, _search, _locale);
        _loading = false;
    }

    private async Task EditAsync(KnowledgeArticleDto? article)
    {
        if (await KnowledgeArticleDialog.ShowAsync(Dialogs, _siteId, article) is not { } input)
            return;
        try
        {
            await Knowledge.SaveAsync(article?.Id, input, await Actor.GetAsync());
            Snackbar.Add($"“{input.Title!.Trim()}” saved; the bot uses it from now on{(input.Published ? "" : " once it is published")}.", Severity.Success);
        }
        catch (Exception ex) when (ex is TeamValidationException or TeamNotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await LoadAsync();
        await RefreshHitsAsync();
    }

    private async Task DeleteAsync(KnowledgeArticleDto article)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete “{article.Title}”?",
            "The bot stops using it at once. The audit log keeps what it said.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        try
        {
            await Knowledge.DeleteAsync(article.Id, await Actor.GetAsync());
            Snackbar.Add($"“{article.Title}” deleted.", Severity.Success);
        }
        catch (TeamNotFoundException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await LoadAsync();
        await RefreshHitsAsync();
    }

    private async Task AskOnEnterAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
            await AskAsync();
    }

    private async Task AskAsync()
    {
        if (string.IsNullOrWhiteSpace(_question) || _siteId == Guid.Empty)
            return;
        _hits = await Search.SearchAsync(_siteId, _question, _questionLocale, take: 5);
    }

    // After an edit the last question's answer may have changed; show what the bot finds now.
    private Task RefreshHitsAsync() => _hits is null ? Task.CompletedTask : AskAsync();

    private static string LocaleName(string locale) => locale switch
    {
        KnowledgeLocales.SimplifiedChinese => "简体中文",
        KnowledgeLocales.TraditionalChinese => "繁體中文",
        KnowledgeLocales.English => "English",
        _ => locale,
    };

    private static string Excerpt(string body) => body.Length <= 140 ? body : body[..140] + "…";
}
