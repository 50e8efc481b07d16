using Portal.Features.Audit;
using Portal.Features.Settings;
using Portal.Features.Team;

namespace Portal.Features.Bot;

/// <summary>Reads and changes <see cref="BotSettings"/>: validated and audit-logged.</summary>
public sealed class BotSettingsStore(SettingsStore settings, AuditTrail audit)
{
    public Task<BotSettings> GetAsync(CancellationToken cancellationToken = default) =>
        settings.GetAsync<BotSettings>(BotSettings.Key, cancellationToken);

    /// <exception cref="TeamValidationException">An unknown intent or a value out of range.</exception>
    public async Task<BotSettings> SaveAsync(BotSettings input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var unknown = (input.HandoverIntents ?? []).Where(i => !Intents.All.Contains(i)).ToList();
        if (unknown.Count > 0)
            errors["handoverIntents"] = [$"Unknown intents: {string.Join(", ", unknown)}. Use the ids of SPEC §4.6."];
        if (input.ConfidenceThreshold is < 0.05 or > 0.95)
            errors["confidenceThreshold"] = ["The confidence threshold is 0.05 to 0.95."];
        if (input.UnclearTurnsBeforeHandover is < 1 or > 10)
            errors["unclearTurnsBeforeHandover"] = ["Hand over after 1 to 10 unclear turns."];
        if (errors.Count > 0)
            throw new TeamValidationException(errors);
        var saved = input with { HandoverIntents = [.. input.HandoverIntents!.Distinct()] };
        var before = await GetAsync(cancellationToken);
        await settings.SaveAsync(BotSettings.Key, saved, cancellationToken);
        await audit.RecordAsync(actor, "settings.bot.changed", "settings:bot", before, saved, cancellationToken);
        return saved;
    }
}
