namespace Portal.Tests.Features.Monitoring;

// The wire shape of /api/v1/traces and /api/v1/messages/{id}/trace, written out so a test notices when it changes.

public sealed record TraceSummary(
    string TraceId, Guid? MessageId, Guid? ConversationId, string RootName, DateTime StartedAt, double DurationMs, string Timeline);

public sealed record TraceTree(
    string TraceId, Guid? MessageId, Guid? ConversationId, string RootName, DateTime StartedAt, double DurationMs, string Timeline,
    TraceSpan[] Spans)
{
    public TraceSpan Root => Assert.Single(Spans);
}

public sealed record TraceSpan(
    string SpanId, string Name, double StartOffsetMs, double DurationMs, bool Failed, Dictionary<string, string> Tags, TraceSpan[] Children)
{
    public double EndOffsetMs => StartOffsetMs + DurationMs;

    public TraceSpan Child(string name, string? recipient = null) => Assert.Single(Children,
        c => c.Name == name && (recipient is null || c.Tags.GetValueOrDefault("portal.recipient") == recipient));

    /// <summary>Every span below this one starts no earlier than its parent, and every duration is sane (no timings beyond that).</summary>
    public void AssertSane()
    {
        Assert.InRange(DurationMs, 0, 10_000);
        foreach (var child in Children)
        {
            Assert.True(child.StartOffsetMs >= StartOffsetMs, $"{child.Name} starts at {child.StartOffsetMs} ms, before its parent {Name} at {StartOffsetMs} ms");
            child.AssertSane();
        }
    }
}
