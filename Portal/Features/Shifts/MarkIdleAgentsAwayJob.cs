namespace Portal.Features.Shifts;

/// <summary>Makes online agents who have been idle too long away (recurring, every minute; safe to run twice).</summary>
public sealed class MarkIdleAgentsAwayJob(AgentPresence presence, TimeProvider clock)
{
    public Task RunAsync() => presence.MarkIdleAgentsAwayAsync(clock.GetUtcNow());
}
