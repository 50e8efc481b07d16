using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Bot;
using Portal.Features.Bot.Llm;

namespace Portal.Tests.Features.Bot;

/// <summary>The bot's instruments as Prometheus names them: portal_bot_reply_seconds{engine}, portal_bot_fallback_total{reason}.</summary>
public sealed class BotMetricsTests
{
    [Fact]
    public void Replies_are_timed_by_engine_in_seconds_and_fallbacks_counted_by_reason()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = new BotMetrics(factory);
        var recorded = new List<(string Instrument, string? Unit, double Value, string Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            recorded.Add((instrument.Name, instrument.Unit, value, $"{tags[0].Key}={tags[0].Value}")));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            recorded.Add((instrument.Name, instrument.Unit, value, $"{tags[0].Key}={tags[0].Value}")));
        listener.Start();

        metrics.Replied("embedded", TimeSpan.FromMilliseconds(12));
        metrics.FellBack(LlmFailure.Timeout);
        metrics.FellBack(LlmFailure.Timeout);
        listener.RecordObservableInstruments();

        Assert.Equal(
        [
            ("portal.bot.reply", "s", 0.012, "engine=embedded"),
            ("portal.bot.fallback", null, 2, "reason=timeout"), ("portal.bot.fallback", null, 0, "reason=http_error"),
            ("portal.bot.fallback", null, 0, "reason=circuit_open"), ("portal.bot.fallback", null, 0, "reason=invalid_response"),
        ], recorded);
    }
}
