namespace Portal.Features.Routing;

/// <summary>An agent who could take a conversation now, with what routing weighs.</summary>
public sealed record RoutingCandidate(string UserId, int Load, int Capacity, DateTime? LastAssignedAt);

/// <summary>Which available agent gets the next conversation (pure, so it is easy to test exactly).</summary>
public static class RoutingChoice
{
    /// <summary>
    /// Balanced: the least loaded, then the one idle longest (never assigned counts as idle longest), then by id for a
    /// stable order. Round-robin: the next candidate after <paramref name="lastAssignedUserId"/> in id order.
    /// Agents at capacity are never chosen; null when nobody can take it.
    /// </summary>
    public static RoutingCandidate? Choose(IEnumerable<RoutingCandidate> candidates, RoutingMode mode, string? lastAssignedUserId)
    {
        var open = candidates.Where(c => c.Load < c.Capacity).ToList();
        if (open.Count == 0)
            return null;
        if (mode == RoutingMode.RoundRobin)
        {
            var ordered = open.OrderBy(c => c.UserId, StringComparer.Ordinal).ToList();
            return ordered.FirstOrDefault(c => string.CompareOrdinal(c.UserId, lastAssignedUserId) > 0) ?? ordered[0];
        }
        return open
            .OrderBy(c => c.Load)
            .ThenBy(c => c.LastAssignedAt ?? DateTime.MinValue)
            .ThenBy(c => c.UserId, StringComparer.Ordinal)
            .First();
    }
}
