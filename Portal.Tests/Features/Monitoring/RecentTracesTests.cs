using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Features.Monitoring.Traces;

namespace Portal.Tests.Features.Monitoring;

/// <summary>The traces kept in memory for /admin/traces: bounded in number and in age, findable by message.</summary>
public sealed class RecentTracesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Beyond_the_limit_the_oldest_traces_and_their_messages_are_dropped_first()
    {
        var traces = Traces(keptTraces: 10);
        var messages = Enumerable.Range(0, 15).Select(_ => Guid.NewGuid()).ToArray();

        for (var i = 0; i < 15; i++)
        {
            traces.Add(TraceId(i), Span("hub.send", messages[i]));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(10, traces.Count);
        Assert.Equal(Enumerable.Range(5, 10).Select(TraceId), traces.All().Select(t => t.TraceId));
        Assert.Null(traces.FindByMessage(messages[4]));
        Assert.Null(traces.Find(TraceId(4)));
        Assert.Equal(TraceId(5), traces.FindByMessage(messages[5])?.TraceId);
    }

    [Fact]
    public void Traces_older_than_the_kept_minutes_are_gone()
    {
        var traces = Traces(keptMinutes: 30);
        var early = Guid.NewGuid();
        traces.Add(TraceId(1), Span("hub.send", early));
        _clock.Advance(TimeSpan.FromMinutes(20));
        var late = Guid.NewGuid();
        traces.Add(TraceId(2), Span("hub.send", late));

        _clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Null(traces.FindByMessage(early));
        Assert.Equal(TraceId(2), traces.FindByMessage(late)?.TraceId);
        Assert.Equal(1, traces.Count);
    }

    [Fact]
    public void Spans_arriving_later_join_their_trace_and_a_message_keeps_the_trace_that_stored_it()
    {
        var traces = Traces();
        var question = Guid.NewGuid();
        var answer = Guid.NewGuid();
        traces.Add(TraceId(1), Span("hub.send", question));
        traces.Add(TraceId(1), Span("db.insert", answer));
        // A retried send finds the stored message again: its trace mentions the message but did not store it.
        traces.Add(TraceId(2), Span("hub.send", question));

        Assert.Equal(2, traces.Find(TraceId(1))!.Spans.Length);
        Assert.Equal(TraceId(1), traces.FindByMessage(question)?.TraceId);
        Assert.Equal(TraceId(1), traces.FindByMessage(answer)?.TraceId);
    }

    [Fact]
    public void One_trace_keeps_at_most_its_span_limit()
    {
        var traces = Traces();
        for (var i = 0; i < RecentTraces.MaxSpansPerTrace + 50; i++)
            traces.Add(TraceId(1), Span("deliver", Guid.NewGuid()));

        Assert.Equal(RecentTraces.MaxSpansPerTrace, traces.Find(TraceId(1))!.Spans.Length);
    }

    private RecentTraces Traces(int keptTraces = 2000, int keptMinutes = 30) =>
        new(Options.Create(new TracingOptions { KeptTraces = keptTraces, KeptMinutes = keptMinutes }), _clock);

    private static string TraceId(int i) => i.ToString("x32");

    private KeptSpan Span(string name, Guid messageId) => new(
        Guid.NewGuid().ToString("N")[..16], null, name, _clock.GetUtcNow().UtcDateTime, TimeSpan.FromMilliseconds(3), false,
        new Dictionary<string, string> { ["portal.message_id"] = messageId.ToString() });
}
