namespace Portal.Features.Audit;

/// <summary>
/// Which entries to show. <see cref="Query"/> searches action, target, actor, IP and the before/after JSON;
/// <see cref="Action"/> matches an action or a family of them ("order" matches "order.cancelled");
/// <see cref="Actor"/> matches an actor's id exactly or part of their name; <see cref="From"/>/<see cref="To"/> bound the time (UTC).
/// </summary>
public sealed record AuditFilter(string? Query = null, string? Action = null, string? Actor = null, DateTime? From = null, DateTime? To = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (From > To)
            errors["from"] = ["'from' must not be later than 'to'."];
        return errors;
    }
}
