using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace Portal.Features.Monitoring.Traces;

/// <summary>One finished span as kept in the app.</summary>
public sealed record KeptSpan(
    string SpanId, string? ParentSpanId, string Name, DateTime StartedAt, TimeSpan Duration, bool Failed,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>The spans of one trace kept so far (spans arrive as they end, the entry span before the bot's).</summary>
public sealed record KeptTrace(string TraceId, DateTime FirstSeenAt, ImmutableArray<KeptSpan> Spans);

/// <summary>
/// The most recent message traces, in memory: at most <see cref="TracingOptions.KeptTraces"/>, none older than
/// <see cref="TracingOptions.KeptMinutes"/>; found by trace id or by the id of a message stored in it.
/// </summary>
public sealed class RecentTraces(IOptions<TracingOptions> options, TimeProvider clock)
{
    // A trace delivered to many open consoles must not grow without end.
    internal const int MaxSpansPerTrace = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeptTrace> _traces = [];
    private readonly Queue<string> _oldestFirst = new();
    private readonly Dictionary<Guid, string> _traceOfMessage = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                DropExpired();
                return _traces.Count;
            }
        }
    }

    public void Add(string traceId, KeptSpan span)
    {
        lock (_gate)
        {
            DropExpired();
            if (_traces.TryGetValue(traceId, out var trace))
            {
                if (trace.Spans.Length >= MaxSpansPerTrace)
                    return;
                _traces[traceId] = trace with { Spans = trace.Spans.Add(span) };
            }
            else
            {
                _traces[traceId] = new KeptTrace(traceId, clock.GetUtcNow().UtcDateTime, [span]);
                _oldestFirst.Enqueue(traceId);
                while (_traces.Count > options.Value.KeptTraces)
                    Drop(_oldestFirst.Dequeue());
            }
            // The first trace that mentions a message is the one that stored it; a later retry of the same send is not.
            if (span.Tags.TryGetValue(MessageTags.MessageId, out var text) && Guid.TryParse(text, out var messageId))
                _traceOfMessage.TryAdd(messageId, traceId);
        }
    }

    public KeptTrace? Find(string traceId)
    {
        lock (_gate)
        {
            DropExpired();
            return _traces.GetValueOrDefault(traceId);
        }
    }

    public KeptTrace? FindByMessage(Guid messageId)
    {
        lock (_gate)
        {
            DropExpired();
            return _traceOfMessage.TryGetValue(messageId, out var traceId) ? _traces.GetValueOrDefault(traceId) : null;
        }
    }

    /// <summary>Every kept trace, oldest first.</summary>
    public IReadOnlyList<KeptTrace> All()
    {
        lock (_gate)
        {
            DropExpired();
            return [.. _oldestFirst.Select(id => _traces[id])];
        }
    }

    private void DropExpired()
    {
        var keptSince = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(options.Value.KeptMinutes);
        while (_oldestFirst.TryPeek(out var oldest) && _traces[oldest].FirstSeenAt < keptSince)
            Drop(_oldestFirst.Dequeue());
    }

    private void Drop(string traceId)
    {
        if (!_traces.Remove(traceId, out var trace))
            return;
        foreach (var span in trace.Spans)
        {
            if (span.Tags.TryGetValue(MessageTags.MessageId, out var text) && Guid.TryParse(text, out var messageId)
                && _traceOfMessage.GetValueOrDefault(messageId) == traceId)
                _traceOfMessage.Remove(messageId);
        }
    }
}
