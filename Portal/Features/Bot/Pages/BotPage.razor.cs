using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Features.Bot.Handover;
using Portal.Features.Bot.Understanding;
using Portal.Features.Sites;
using Portal.Features.Team;

namespace Portal.Features.Bot.Pages;

/// <summary>/admin/bot: which sites the bot answers, when it hands over, and a box to see how it reads a message.</summary>
public sealed partial class BotPage
{
    private IReadOnlyList<Site> _sites = [];
    private BotSettings? _settings;
    private IReadOnlyCollection<string> _handoverIntents = [];
    private double _threshold;
    private int _unclearTurns;
    private bool _canManageSites;
    private string _tryText = "";
    private IntentClassification? _tried;
    private string _triedEntities = "";

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private SiteDirectory Sites { get; set; } = default!;
    [Inject] private BotSettingsStore Settings { get; set; } = default!;
    [Inject] private BotSwitch Switch { get; set; } = default!;
    [Inject] private IntentClassifier Classifier { get; set; } = default!;
    [Inject] private IOptionsMonitor<BotOptions> BotOptions { get; set; } = default!;
    [Inject] private AccessDirectory Access { get; set; } = default!;
    [Inject] private CircuitActor Actor { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _canManageSites = (await Access.GetAsync(CurrentAgent.From(user).Id)).Has(Permissions.ChannelsManage);
        _sites = await Sites.ListAsync();
        _settings = await Settings.GetAsync();
        (_handoverIntents, _threshold, _unclearTurns) = ([.. _settings.HandoverIntents], _settings.ConfidenceThreshold, _settings.UnclearTurnsBeforeHandover);
    }

    private async Task SetSiteAsync(Site site, bool enabled)
    {
        await Switch.SetForSiteAsync(site.Id, enabled, await Actor.GetAsync(), CancellationToken.None);
        _sites = await Sites.ListAsync();
        Snackbar.Add(enabled ? $"The bot answers {site.Name} first." : $"People answer {site.Name}; the bot's open conversations went to the queue.", Severity.Success);
    }

    private async Task SaveSettingsAsync()
    {
        try
        {
            _settings = await Settings.SaveAsync(new BotSettings
            {
                HandoverIntents = [.. _handoverIntents],
                ConfidenceThreshold = _threshold,
                UnclearTurnsBeforeHandover = _unclearTurns,
            }, await Actor.GetAsync());
            Snackbar.Add("Saved.", Severity.Success);
        }
        catch (TeamValidationException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private Task TryAsync()
    {
        if (string.IsNullOrWhiteSpace(_tryText))
            return Task.CompletedTask;
        _tried = Classifier.Classify(_tryText);
        var entities = EntityExtractor.Extract(_tryText);
        var found = entities.OrderNumbers.Select(o => $"order {o}")
            .Concat(entities.PhoneNumbers.Select(p => $"phone {p}"))
            .Concat(entities.Sizes.Select(s => $"size {s}"))
            .Concat(entities.Colours.Select(c => $"colour {c}"));
        _triedEntities = string.Join(", ", found) is { Length: > 0 } listed ? listed : "none";
        return Task.CompletedTask;
    }
}
