using Portal.Features.Audit;
using Portal.Features.Settings;
using Portal.Features.Team;

namespace Portal.Features.Routing;

/// <summary>Reads and changes <see cref="RoutingSettings"/>: validated, audit-logged, and applied to the queue at once.</summary>
public sealed class RoutingSettingsStore(SettingsStore settings, TeamDirectory teams, RoutingQueue queue, AuditTrail audit)
{
    public Task<RoutingSettings> GetAsync(CancellationToken cancellationToken = default) =>
        settings.GetAsync<RoutingSettings>(RoutingSettings.Key, cancellationToken);

    /// <exception cref="TeamValidationException">An average outside 1–240 minutes, or an unknown default team.</exception>
    public async Task<RoutingSettings> SaveAsync(RoutingSettings input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.AverageHandleMinutes is < 1 or > 240)
            errors["averageHandleMinutes"] = ["The average handling time is 1 to 240 minutes."];
        if (input.DefaultTeamId is { } teamId && (await teams.ListAsync(cancellationToken)).All(t => t.Id != teamId))
            errors["defaultTeamId"] = [$"There is no team with id {teamId}."];
        if (errors.Count > 0)
            throw new TeamValidationException(errors);
        var before = await GetAsync(cancellationToken);
        await settings.SaveAsync(RoutingSettings.Key, input, cancellationToken);
        await audit.RecordAsync(actor, "settings.routing.changed", "settings:routing", before, input, cancellationToken);
        queue.RequestDrain();
        return input;
    }
}
