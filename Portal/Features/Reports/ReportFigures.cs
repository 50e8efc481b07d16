namespace Portal.Features.Reports;

/// <summary>Adds rollup rows up (their histograms merged) into one report row.</summary>
internal sealed class ReportFigures
{
    private readonly DurationHistogram _firstResponses = new();
    private readonly DurationHistogram _resolutions = new();
    private int _conversations, _messages, _waited, _firstResponded, _closed, _botAnswered, _botResolved;

    public void Add(ReportRollup rollup)
    {
        _conversations += rollup.Conversations;
        _messages += rollup.Messages;
        _waited += rollup.WaitedForAgent;
        _firstResponded += rollup.FirstResponded;
        _closed += rollup.Closed;
        _botAnswered += rollup.BotAnswered;
        _botResolved += rollup.BotResolved;
        _firstResponses.AddSerialized(rollup.FirstResponseTimes);
        _resolutions.AddSerialized(rollup.ResolutionTimes);
    }

    public ReportRow ToRow(DateOnly period, string? key, string label) => new(
        period, key, label, _conversations, _messages,
        _waited, _firstResponded, _firstResponses.Percentile(0.5), _firstResponses.Percentile(0.9),
        _closed, _resolutions.Percentile(0.5), _resolutions.Percentile(0.9),
        _botAnswered, _botResolved, _botAnswered == 0 ? null : (double)_botResolved / _botAnswered);
}
