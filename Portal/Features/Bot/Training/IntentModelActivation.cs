using Portal.Features.Audit;

namespace Portal.Features.Bot.Training;

/// <summary>Puts a stored version to work (a newer one, or an older one to roll back): live, persisted and audited.</summary>
public sealed class IntentModelActivation(IntentModelStore store, IntentClassifier classifier, AuditTrail audit)
{
    /// <summary>False when there is no such version.</summary>
    public async Task<bool> ActivateAsync(string version, AuditActor actor, CancellationToken ct = default)
    {
        if (store.Find(version) is null)
            return false;
        var previous = classifier.ActiveVersion ?? store.ActiveVersion;
        // Loaded before anything switches, so a model that does not load leaves the active one in place.
        var model = store.Load(version);
        store.Activate(version);
        classifier.Use(version, model);
        await audit.RecordAsync(actor, "bot.model.activated", $"bot-model:{version}", new { Version = previous }, new { Version = version }, ct);
        return true;
    }
}
