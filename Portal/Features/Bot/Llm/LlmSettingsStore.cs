using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Portal.Features.Audit;
using Portal.Features.Settings;

namespace Portal.Features.Bot.Llm;

/// <summary>Settings an admin gave that Portal refuses, with a message per field (shown in the UI and as problem+json).</summary>
public sealed class LlmSettingsException(Dictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public Dictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Reads and changes <see cref="LlmSettings"/>: validated, audit-logged, the API key encrypted with Data Protection
/// (the settings row, the audit log and the API only ever say whether a key is set).
/// </summary>
public sealed class LlmSettingsStore(SettingsStore settings, IDataProtectionProvider dataProtection, AuditTrail audit, ILogger<LlmSettingsStore> logger)
{
    public const string Key = "bot.llm";

    private readonly IDataProtector _keyProtector = dataProtection.CreateProtector("Portal.Bot.Llm.ApiKey");

    /// <summary>The settings with the API key decrypted, for server use only.</summary>
    public async Task<LlmSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var stored = await settings.GetAsync<StoredLlmSettings>(Key, cancellationToken);
        return stored.ToSettings(Unprotect(stored.ProtectedApiKey));
    }

    /// <summary>The settings <paramref name="input"/> describes, the stored key filling in for an empty key field.</summary>
    /// <exception cref="LlmSettingsException">A relative or non-http(s) base URL, no model while enabled, or a value out of range.</exception>
    public async Task<LlmSettings> ResolveAsync(LlmSettingsInput input, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(cancellationToken);
        var apiKey = !string.IsNullOrWhiteSpace(input.ApiKey) ? input.ApiKey.Trim() : input.ClearApiKey ? null : current.ApiKey;
        var resolved = new LlmSettings
        {
            Enabled = input.Enabled,
            Provider = input.Provider,
            BaseUrl = input.BaseUrl?.Trim() ?? "",
            Model = input.Model?.Trim() ?? "",
            ApiKey = apiKey,
            Persona = string.IsNullOrWhiteSpace(input.Persona) ? LlmSettings.DefaultPersona : input.Persona.Trim(),
            Temperature = input.Temperature,
            TimeoutSeconds = input.TimeoutSeconds,
            MaxHistoryMessages = input.MaxHistoryMessages,
        };
        Validate(resolved);
        return resolved;
    }

    /// <exception cref="LlmSettingsException">See <see cref="ResolveAsync"/>.</exception>
    public async Task<LlmSettingsView> SaveAsync(LlmSettingsInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var before = await GetAsync(cancellationToken);
        var after = await ResolveAsync(input, cancellationToken);
        var protectedKey = after.ApiKey is null ? null : _keyProtector.Protect(after.ApiKey);
        await settings.SaveAsync(Key, StoredLlmSettings.From(after, protectedKey), cancellationToken);
        await audit.RecordAsync(actor, "settings.bot.llm.changed", "settings:bot.llm",
            AuditedLlmSettings.Of(before, before.ApiKey is null ? "none" : "set"),
            AuditedLlmSettings.Of(after, KeyChange(before.ApiKey, after.ApiKey)), cancellationToken);
        return LlmSettingsView.Of(after);
    }

    public static void Validate(LlmSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        if (settings.BaseUrl.Length > 0 || settings.Enabled)
        {
            if (!Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                errors["baseUrl"] = ["The base URL must be an absolute http:// or https:// address, e.g. https://api.openai.com/v1."];
        }
        if (settings.Enabled && settings.Model.Length == 0)
            errors["model"] = [settings.Provider == LlmProvider.AzureOpenAI ? "The deployment name is required." : "The model is required."];
        if (settings.Enabled && settings.Provider == LlmProvider.AzureOpenAI && string.IsNullOrEmpty(settings.ApiKey))
            errors["apiKey"] = ["Azure OpenAI needs an API key."];
        if (settings.Model.Length > 200)
            errors["model"] = ["The model name may be at most 200 characters."];
        if (settings.Persona.Length > 8000)
            errors["persona"] = ["The persona may be at most 8000 characters."];
        if (settings.Temperature is < 0 or > 2 || double.IsNaN(settings.Temperature))
            errors["temperature"] = ["The temperature is 0 to 2."];
        if (settings.TimeoutSeconds is < 1 or > 60)
            errors["timeoutSeconds"] = ["The reply deadline is 1 to 60 seconds."];
        if (settings.MaxHistoryMessages is < 1 or > 100)
            errors["maxHistoryMessages"] = ["The history is 1 to 100 messages."];
        if (errors.Count > 0)
            throw new LlmSettingsException(errors);
    }

    private static string KeyChange(string? before, string? after) => (before, after) switch
    {
        (null, null) => "none",
        (null, _) => "set",
        (_, null) => "cleared",
        _ when before == after => "set",
        _ => "changed",
    };

    private string? Unprotect(string? protectedKey)
    {
        if (protectedKey is null)
            return null;
        try
        {
            return _keyProtector.Unprotect(protectedKey);
        }
        catch (CryptographicException ex)
        {
            // The Data Protection keys were lost or replaced: the key cannot be read and must be entered again.
            logger.LogWarning(ex, "The stored LLM API key cannot be decrypted; enter it again on the bot assistant page.");
            return null;
        }
    }

    /// <summary>The settings row: like <see cref="LlmSettings"/>, with the key encrypted.</summary>
    private sealed class StoredLlmSettings
    {
        private static readonly LlmSettings Defaults = new();

        public bool Enabled { get; init; }
        public LlmProvider Provider { get; init; } = Defaults.Provider;
        public string BaseUrl { get; init; } = Defaults.BaseUrl;
        public string Model { get; init; } = Defaults.Model;
        public string? ProtectedApiKey { get; init; }
        public string Persona { get; init; } = Defaults.Persona;
        public double Temperature { get; init; } = Defaults.Temperature;
        public int TimeoutSeconds { get; init; } = Defaults.TimeoutSeconds;
        public int MaxHistoryMessages { get; init; } = Defaults.MaxHistoryMessages;

        public static StoredLlmSettings From(LlmSettings s, string? protectedKey) => new()
        {
            Enabled = s.Enabled, Provider = s.Provider, BaseUrl = s.BaseUrl, Model = s.Model, ProtectedApiKey = protectedKey,
            Persona = s.Persona, Temperature = s.Temperature, TimeoutSeconds = s.TimeoutSeconds, MaxHistoryMessages = s.MaxHistoryMessages,
        };

        public LlmSettings ToSettings(string? apiKey) => new()
        {
            Enabled = Enabled, Provider = Provider, BaseUrl = BaseUrl, Model = Model, ApiKey = apiKey,
            Persona = Persona, Temperature = Temperature, TimeoutSeconds = TimeoutSeconds, MaxHistoryMessages = MaxHistoryMessages,
        };
    }

    /// <summary>What the audit log keeps of a change: every setting, and of the key only whether it was set, changed or cleared.</summary>
    private sealed record AuditedLlmSettings(
        bool Enabled, LlmProvider Provider, string BaseUrl, string Model, string ApiKey,
        string Persona, double Temperature, int TimeoutSeconds, int MaxHistoryMessages)
    {
        public static AuditedLlmSettings Of(LlmSettings s, string apiKey) => new(
            s.Enabled, s.Provider, s.BaseUrl, s.Model, apiKey, s.Persona, s.Temperature, s.TimeoutSeconds, s.MaxHistoryMessages);
    }
}
