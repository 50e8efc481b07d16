using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Portal.Features.Audit;
using Portal.Features.Settings;

namespace Portal.Features.Alerts;

/// <summary>
/// Reads and changes the alert webhook: validated, audit-logged, the secret encrypted with Data Protection (the settings row,
/// the audit log and the API only ever say whether one is set).
/// </summary>
public sealed class AlertWebhookStore(SettingsStore settings, IDataProtectionProvider dataProtection, AuditTrail audit, ILogger<AlertWebhookStore> logger)
{
    public const string Key = "alerts.webhook";
    public const int MinSecretLength = 16;

    private readonly IDataProtector _secretProtector = dataProtection.CreateProtector("Portal.Alerts.WebhookSecret");

    public async Task<AlertWebhookSettings> GetAsync(CancellationToken ct = default)
    {
        var stored = await settings.GetAsync<StoredWebhook>(Key, ct);
        return new AlertWebhookSettings(stored.Url, Unprotect(stored.ProtectedSecret));
    }

    public async Task<AlertWebhookView> ViewAsync(CancellationToken ct = default) => View(await GetAsync(ct));

    /// <exception cref="AlertValidationException">A relative or non-http(s) URL, a URL without a secret, or a secret under 16 characters.</exception>
    public async Task<AlertWebhookView> SaveAsync(AlertWebhookInput input, AuditActor actor, CancellationToken ct = default)
    {
        var before = await GetAsync(ct);
        var url = input.Url?.Trim() ?? "";
        var secret = string.IsNullOrEmpty(input.Secret) ? before.Secret : input.Secret;
        var errors = new Dictionary<string, string[]>();
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https")))
            errors["url"] = ["The webhook URL must be an absolute http:// or https:// address."];
        if (!string.IsNullOrEmpty(input.Secret) && input.Secret.Length < MinSecretLength)
            errors["secret"] = [$"The secret must be at least {MinSecretLength} characters."];
        else if (url.Length > 0 && string.IsNullOrEmpty(secret))
            errors["secret"] = ["A webhook needs a secret to sign its posts with."];
        if (errors.Count > 0)
            throw new AlertValidationException(errors);

        var after = new AlertWebhookSettings(url, secret);
        await settings.SaveAsync(Key, new StoredWebhook { Url = url, ProtectedSecret = secret is null ? null : _secretProtector.Protect(secret) }, ct);
        await audit.RecordAsync(actor, "settings.alerts.webhook.changed", "settings:" + Key,
            new { before.Url, Secret = before.Secret is null ? "none" : "set" },
            new { after.Url, Secret = secret is null ? "none" : secret == before.Secret ? "set" : "changed" }, ct);
        return View(after);
    }

    private static AlertWebhookView View(AlertWebhookSettings s) => new(s.Url, !string.IsNullOrEmpty(s.Secret));

    private string? Unprotect(string? protectedSecret)
    {
        if (protectedSecret is null)
            return null;
        try
        {
            return _secretProtector.Unprotect(protectedSecret);
        }
        catch (CryptographicException ex)
        {
            // The Data Protection keys were lost or replaced: the secret must be entered again, and nothing is sent unsigned.
            logger.LogWarning(ex, "The stored alert webhook secret cannot be decrypted; enter it again on the alerts page.");
            return null;
        }
    }

    private sealed class StoredWebhook
    {
        public string Url { get; init; } = "";
        public string? ProtectedSecret { get; init; }
    }
}
