using System.Globalization;

namespace Portal.Features.Monitoring.Traces;

/// <summary>One line of the recent traces list.</summary>
public sealed record TraceSummaryDto(
    string TraceId, Guid? MessageId, Guid? ConversationId, string RootName, DateTime StartedAt, double DurationMs, string Timeline);

/// <summary>A span and the spans it started; offsets are from the start of the trace.</summary>
public sealed record SpanDto(
    string SpanId, string Name, double StartOffsetMs, double DurationMs, bool Failed,
    IReadOnlyDictionary<string, string> Tags, IReadOnlyList<SpanDto> Children);

/// <summary>A whole trace as a tree, with its one-line <see cref="Timeline"/> (<c>hub.send 14 ms → db.insert 8 ms → …</c>).</summary>
public sealed record TraceDto(
    string TraceId, Guid? MessageId, Guid? ConversationId, string RootName, DateTime StartedAt, double DurationMs, string Timeline,
    IReadOnlyList<SpanDto> Spans);

/// <summary>Turns kept spans into the trees and summaries the API and the pages show.</summary>
public static class TraceViews
{
    /// <summary>The most recent traces first, of one conversation when <paramref name="conversationId"/> is given.</summary>
    public static IReadOnlyList<TraceSummaryDto> Newest(this RecentTraces traces, Guid? conversationId, int limit) =>
        [.. traces.All().Select(Summarize)
            .Where(t => conversationId is null || t.ConversationId == conversationId)
            .OrderByDescending(t => t.StartedAt)
            .Take(limit)];

    public static TraceDto ToTree(KeptTrace trace)
    {
        var summary = Summarize(trace);
        var start = summary.StartedAt;
        var ids = trace.Spans.Select(s => s.SpanId).ToHashSet();
        var children = trace.Spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .ToLookup(s => s.ParentSpanId!);

        SpanDto Node(KeptSpan span) => new(
            span.SpanId, span.Name, Milliseconds(span.StartedAt - start), Milliseconds(span.Duration), span.Failed, span.Tags,
            [.. children[span.SpanId].OrderBy(s => s.StartedAt).Select(Node)]);

        return new TraceDto(summary.TraceId, summary.MessageId, summary.ConversationId, summary.RootName, summary.StartedAt,
            summary.DurationMs, summary.Timeline, [.. Roots(trace).Select(Node)]);
    }

    public static TraceSummaryDto Summarize(KeptTrace trace)
    {
        var root = Roots(trace).First();
        var start = trace.Spans.Min(s => s.StartedAt);
        var end = trace.Spans.Max(s => s.StartedAt + s.Duration);
        var steps = trace.Spans.Where(s => s.ParentSpanId == root.SpanId).OrderBy(s => s.StartedAt).Prepend(root);
        return new TraceSummaryDto(trace.TraceId, FirstGuid(trace, root, MessageTags.MessageId), FirstGuid(trace, root, MessageTags.ConversationId),
            root.Name, start, Milliseconds(end - start), string.Join(" → ", steps.Select(Step)));
    }

    /// <summary>Milliseconds as people read them: one decimal below 10 ms, whole numbers above.</summary>
    public static string FormatMs(double milliseconds) =>
        (milliseconds < 10 ? milliseconds.ToString("0.0", CultureInfo.InvariantCulture) : milliseconds.ToString("0", CultureInfo.InvariantCulture)) + " ms";

    /// <summary>A span's name with what tells it from its siblings (which recipient a delivery went to).</summary>
    public static string Label(string name, IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(MessageTags.Recipient, out var recipient) ? $"{name} {recipient}" : name;

    private static string Step(KeptSpan span) => $"{Label(span.Name, span.Tags)} {FormatMs(Milliseconds(span.Duration))}";

    private static IEnumerable<KeptSpan> Roots(KeptTrace trace)
    {
        var ids = trace.Spans.Select(s => s.SpanId).ToHashSet();
        return trace.Spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.StartedAt);
    }

    // The root's own tag first: spans further down may carry other messages' ids (the bot's answer).
    private static Guid? FirstGuid(KeptTrace trace, KeptSpan root, string tag) =>
        trace.Spans.Prepend(root)
            .Select(s => Guid.TryParse(s.Tags.GetValueOrDefault(tag), out var id) ? id : (Guid?)null)
            .FirstOrDefault(id => id is not null);

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);
}
