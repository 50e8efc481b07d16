using System.Diagnostics.Metrics;
using Portal.Features.Bot.Llm;
using Portal.Features.Monitoring;

namespace Portal.Features.Bot;

/// <summary>The bot's instruments: <c>portal_bot_reply_seconds{engine}</c> and <c>portal_bot_fallback_total{reason}</c> (SPEC §4.7).</summary>
public sealed class BotMetrics
{
    private readonly Histogram<double> _reply;
    private readonly long[] _fallbacks = new long[Enum.GetValues<LlmFailure>().Length];

    public BotMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PortalMetrics.MeterName);
        _reply = meter.CreateHistogram<double>("portal.bot.reply", unit: "s",
            description: "Time from a customer's message reaching the bot to its reply being ready, by engine.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        // Observed rather than added to, so every reason is at /metrics from the start (at 0) and the first fallback
        // shows as an increase to rate() and alerts.
        meter.CreateObservableCounter("portal.bot.fallback", () => Enum.GetValues<LlmFailure>().Select(failure =>
                new Measurement<long>(Interlocked.Read(ref _fallbacks[(int)failure]),
                    new KeyValuePair<string, object?>("reason", LlmReplyException.ReasonOf(failure)))),
            description: "Replies the embedded bot gave because the LLM failed, by reason (timeout, http_error, circuit_open, invalid_response).");
    }

    public void Replied(string engine, TimeSpan elapsed) => _reply.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("engine", engine));

    public void FellBack(LlmFailure failure) => Interlocked.Increment(ref _fallbacks[(int)failure]);
}
