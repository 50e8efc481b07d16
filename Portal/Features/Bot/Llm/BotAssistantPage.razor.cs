using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Features.Audit;

namespace Portal.Features.Bot.Llm;

/// <summary><c>/admin/bot/assistant</c>: the bot's LLM, its persona and limits, and a test of the connection.</summary>
public sealed partial class BotAssistantPage
{
    private AssistantForm? _form;
    private bool _hasStoredKey;
    private bool _replacingKey;
    private bool _clearKey;
    private string? _newKey;
    private bool _busy;
    private LlmConnectionResult? _test;
    private Dictionary<string, string[]> _errors = [];
    private bool _live;

    [Inject] private LlmSettingsStore Store { get; set; } = default!;
    [Inject] private LlmConnectionTester Tester { get; set; } = default!;
    [Inject] private CircuitActor Actor { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool IsAzure => _form?.Provider == LlmProvider.AzureOpenAI;

    protected override async Task OnInitializedAsync() => Show(LlmSettingsView.Of(await Store.GetAsync()));

    // The prerendered form ignores input until the circuit is up; data-live tells a person's browser automation when it is.
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = true;
            StateHasChanged();
        }
    }

    private void Apply(LlmPreset preset)
    {
        (_form!.Provider, _form.BaseUrl, _form.Model) = (preset.Provider, preset.BaseUrl, preset.Model);
        _errors = [];
    }

    private async Task SaveAsync()
    {
        await RunAsync(async () =>
        {
            Show(await Store.SaveAsync(Input(), await Actor.GetAsync()));
            Snackbar.Add("Bot assistant settings saved.", Severity.Success);
        });
    }

    private async Task TestAsync()
    {
        _test = null;
        await RunAsync(async () => _test = await Tester.TestAsync(await Store.ResolveAsync(Input())));
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _errors = [];
        try
        {
            await action();
        }
        catch (LlmSettingsException ex)
        {
            _errors = ex.Errors;
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(LlmSettingsView view)
    {
        _form = new AssistantForm
        {
            Enabled = view.Enabled, Provider = view.Provider, BaseUrl = view.BaseUrl, Model = view.Model, Persona = view.Persona,
            Temperature = view.Temperature, TimeoutSeconds = view.TimeoutSeconds, MaxHistoryMessages = view.MaxHistoryMessages,
        };
        (_hasStoredKey, _replacingKey, _clearKey, _newKey) = (view.HasApiKey, false, false, null);
    }

    private LlmSettingsInput Input()
    {
        var form = _form!;
        return new(form.Enabled, form.Provider, form.BaseUrl, form.Model, _newKey, _clearKey,
            form.Persona, form.Temperature, form.TimeoutSeconds, form.MaxHistoryMessages);
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private sealed class AssistantForm
    {
        public bool Enabled { get; set; }
        public LlmProvider Provider { get; set; }
        public string BaseUrl { get; set; } = "";
        public string Model { get; set; } = "";
        public string Persona { get; set; } = "";
        public double Temperature { get; set; }
        public int TimeoutSeconds { get; set; }
        public int MaxHistoryMessages { get; set; }
    }
}
