using Portal.Features.Routing;

namespace Portal.Tests.Features.Routing;

public sealed class RoutingChoiceTests
{
    private static readonly DateTime Noon = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Balanced_routing_picks_the_least_loaded_agent()
    {
        var choice = RoutingChoice.Choose([Agent("a", load: 3), Agent("b", load: 1), Agent("c", load: 2)], RoutingMode.Balanced, null);

        Assert.Equal("b", choice!.UserId);
    }

    [Fact]
    public void Between_equally_loaded_agents_the_one_idle_longest_wins_and_never_assigned_counts_as_longest()
    {
        var recently = Agent("a", load: 1, lastAssigned: Noon.AddMinutes(-1));
        var longAgo = Agent("b", load: 1, lastAssigned: Noon.AddHours(-2));
        var never = Agent("c", load: 1, lastAssigned: null);

        Assert.Equal("b", RoutingChoice.Choose([recently, longAgo], RoutingMode.Balanced, null)!.UserId);
        Assert.Equal("c", RoutingChoice.Choose([recently, longAgo, never], RoutingMode.Balanced, null)!.UserId);
    }

    [Fact]
    public void Nobody_at_capacity_is_chosen_and_when_all_are_full_the_conversation_waits()
    {
        var full = Agent("a", load: 5);

        Assert.Equal("b", RoutingChoice.Choose([full, Agent("b", load: 4)], RoutingMode.Balanced, null)!.UserId);
        Assert.Null(RoutingChoice.Choose([full, Agent("b", load: 5)], RoutingMode.RoundRobin, null));
        Assert.Null(RoutingChoice.Choose([], RoutingMode.Balanced, null));
    }

    [Fact]
    public void Round_robin_continues_after_the_last_assigned_agent_and_wraps_around()
    {
        RoutingCandidate[] team = [Agent("c", load: 0), Agent("a", load: 4), Agent("b", load: 2)];

        Assert.Equal("a", RoutingChoice.Choose(team, RoutingMode.RoundRobin, null)!.UserId);
        Assert.Equal("b", RoutingChoice.Choose(team, RoutingMode.RoundRobin, "a")!.UserId);
        Assert.Equal("c", RoutingChoice.Choose(team, RoutingMode.RoundRobin, "b")!.UserId);
        Assert.Equal("a", RoutingChoice.Choose(team, RoutingMode.RoundRobin, "c")!.UserId);
    }

    [Fact]
    public void Round_robin_skips_a_full_agent()
    {
        RoutingCandidate[] team = [Agent("a", load: 0), Agent("b", load: 5), Agent("c", load: 0)];

        Assert.Equal("c", RoutingChoice.Choose(team, RoutingMode.RoundRobin, "a")!.UserId);
    }

    private static RoutingCandidate Agent(string id, int load, DateTime? lastAssigned = null, int capacity = 5) =>
        new(id, load, capacity, lastAssigned);
}
