using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Features.Team;

namespace Portal.Features.Alerts.Pages;

/// <summary>
/// <c>/admin/alerts</c>: the firing and acknowledged alerts (live), the history, the rules and the webhook. Everyone with
/// reports.view sees and acknowledges alerts; changing rules and the webhook needs settings.manage, as in the API.
/// </summary>
public sealed partial class AlertsPage
{
    private const int HistoryPageSize = 25;

    private IReadOnlyList<AlertDto> _open = [];
    private AlertPage _history = new([], 0, 1, HistoryPageSize);
    private int _historyPage = 1;
    private IReadOnlyList<AlertRuleDto> _rules = [];
    private bool _canManage;
    private AlertWebhookView? _webhook;
    private string? _webhookUrl;
    private string? _webhookSecret;
    private bool _testing;
    private IDisposable? _subscription;

    [Inject] private AlertHistory History { get; set; } = default!;
    [Inject] private AlertRules Rules { get; set; } = default!;
    [Inject] private AlertWebhookStore Webhook { get; set; } = default!;
    [Inject] private AlertWebhookTest WebhookTest { get; set; } = default!;
    [Inject] private AlertNotifier Notifier { get; set; } = default!;
    [Inject] private CircuitActor Actor { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private int HistoryPageCount => (_history.Total + HistoryPageSize - 1) / HistoryPageSize;

    protected override async Task OnInitializedAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        _canManage = (await Authorization.AuthorizeAsync(user, Permissions.SettingsManage)).Succeeded;
        _rules = await Rules.ListAsync();
        await LoadAlertsAsync();
        if (_canManage)
        {
            _webhook = await Webhook.ViewAsync();
            _webhookUrl = _webhook.Url;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            _subscription = Notifier.SubscribeEveryNode(_ => InvokeAsync(async () => { await LoadAlertsAsync(); StateHasChanged(); }));
    }

    private async Task LoadAlertsAsync()
    {
        _open = await History.OpenAsync();
        _history = await History.ListAsync(null, _historyPage, HistoryPageSize);
    }

    private async Task GoToHistoryPageAsync(int page)
    {
        _historyPage = page;
        _history = await History.ListAsync(null, _historyPage, HistoryPageSize);
    }

    private async Task AcknowledgeAsync(AlertDto alert)
    {
        try
        {
            await History.AcknowledgeAsync(alert.Id, await Actor.GetAsync());
            Snackbar.Add($"Acknowledged: {alert.RuleName}", Severity.Info);
        }
        catch (AlertValidationException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        await LoadAlertsAsync();
    }

    private async Task EditRuleAsync(AlertRuleDto? rule)
    {
        if (!_canManage || await AlertRuleDialog.ShowAsync(Dialogs, rule) is not { } input)
            return;
        try
        {
            var actor = await Actor.GetAsync();
            var saved = rule is null ? await Rules.CreateAsync(input, actor) : await Rules.UpdateAsync(rule.Id, input, actor);
            Snackbar.Add($"Saved rule {saved.Name}", Severity.Success);
        }
        catch (Exception ex) when (ex is AlertValidationException or AlertNotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        _rules = await Rules.ListAsync();
    }

    private async Task DeleteRuleAsync(AlertRuleDto rule)
    {
        if (!_canManage || await Dialogs.ShowMessageBoxAsync("Delete rule", $"Delete the rule {rule.Name}? Its alert history stays.", yesText: "Delete", cancelText: "Cancel") != true)
            return;
        try
        {
            await Rules.DeleteAsync(rule.Id, await Actor.GetAsync());
        }
        catch (AlertNotFoundException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        _rules = await Rules.ListAsync();
    }

    private async Task SaveWebhookAsync()
    {
        if (!_canManage)
            return;
        try
        {
            _webhook = await Webhook.SaveAsync(new AlertWebhookInput(_webhookUrl, _webhookSecret), await Actor.GetAsync());
            (_webhookUrl, _webhookSecret) = (_webhook.Url, null);
            Snackbar.Add("Webhook saved", Severity.Success);
        }
        catch (AlertValidationException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private async Task SendTestAsync()
    {
        if (!_canManage)
            return;
        _testing = true;
        try
        {
            var result = await WebhookTest.SendAsync();
            Snackbar.Add(result.Detail, result.Delivered ? Severity.Success : Severity.Error);
        }
        finally
        {
            _testing = false;
        }
    }

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss");

    private static string WindowText(AlertRuleDto rule) => rule.Metric == AlertMetric.ConnectionDrop
        ? $"within {Duration(rule.WindowSeconds)}"
        : rule.WindowSeconds == 0 ? "at once" : $"for {Duration(rule.WindowSeconds)}";

    private static string Duration(int seconds) => seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds} s";

    public void Dispose() => _subscription?.Dispose();
}
