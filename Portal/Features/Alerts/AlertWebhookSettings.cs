namespace Portal.Features.Alerts;

/// <summary>Where alerts are posted and the secret their signature is made with (decrypted: server use only).</summary>
public sealed record AlertWebhookSettings(string Url, string? Secret)
{
    public bool IsConfigured => Url.Length > 0 && !string.IsNullOrEmpty(Secret);
}

/// <summary>The webhook settings as an admin sees them: the secret never leaves the server, only whether one is stored.</summary>
public sealed record AlertWebhookView(string Url, bool HasSecret);

/// <summary>A change of the webhook settings.</summary>
/// <param name="Url">An absolute http(s) address; empty turns the webhook off.</param>
/// <param name="Secret">A new secret; empty or null keeps the stored one.</param>
public sealed record AlertWebhookInput(string? Url, string? Secret);
