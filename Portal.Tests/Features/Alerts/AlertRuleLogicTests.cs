using Portal.Features.Alerts;
using Portal.Features.Monitoring.Live;

namespace Portal.Tests.Features.Alerts;

/// <summary>The evaluator's decisions on a rule, sample by sample: holding for the window, the connection drop, resolving.</summary>
public sealed class AlertRuleLogicTests
{
    private static readonly DateTime Start = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_rule_with_a_window_fires_only_once_its_condition_has_held_for_the_whole_window()
    {
        var rule = Rule(AlertMetric.ConversationsWaiting, threshold: 10, windowSeconds: 30);
        var tracker = new AlertRuleTracker();

        Assert.Equal(AlertDecision.Nothing, tracker.Decide(rule, breached: true, Start, hasOpenAlert: false));
        Assert.Equal(AlertDecision.Nothing, tracker.Decide(rule, breached: true, Start.AddSeconds(29), hasOpenAlert: false));
        Assert.Equal(AlertDecision.Fire, tracker.Decide(rule, breached: true, Start.AddSeconds(30), hasOpenAlert: false));
    }

    [Fact]
    public void A_condition_that_clears_inside_the_window_starts_the_wait_again()
    {
        var rule = Rule(AlertMetric.LongestWaitSeconds, threshold: 300, windowSeconds: 30);
        var tracker = new AlertRuleTracker();

        tracker.Decide(rule, breached: true, Start, hasOpenAlert: false);
        Assert.Equal(AlertDecision.Nothing, tracker.Decide(rule, breached: false, Start.AddSeconds(20), hasOpenAlert: false));
        Assert.Equal(AlertDecision.Nothing, tracker.Decide(rule, breached: true, Start.AddSeconds(25), hasOpenAlert: false));
        Assert.Equal(AlertDecision.Nothing, tracker.Decide(rule, breached: true, Start.AddSeconds(50), hasOpenAlert: false));
        Assert.Equal(AlertDecision.Fire, tracker.Decide(rule, breached: true, Start.AddSeconds(55), hasOpenAlert: false));
    }

    [Fact]
    public void A_rule_without_a_window_fires_on_the_first_breaching_sample()
    {
        var rule = Rule(AlertMetric.ConversationsWaiting, threshold: 1, windowSeconds: 0);

        Assert.Equal(AlertDecision.Fire, new AlertRuleTracker().Decide(rule, breached: true, Start, hasOpenAlert: false));
    }

    [Fact]
    public void An_open_alert_keeps_its_value_while_the_condition_holds_and_resolves_when_it_clears()
    {
        var rule = Rule(AlertMetric.ConversationsWaiting, threshold: 1, windowSeconds: 0);
        var tracker = new AlertRuleTracker();

        Assert.Equal(AlertDecision.UpdateValue, tracker.Decide(rule, breached: true, Start, hasOpenAlert: true));
        Assert.Equal(AlertDecision.Resolve, tracker.Decide(rule, breached: false, Start.AddSeconds(5), hasOpenAlert: true));
        Assert.Equal(AlertDecision.Nothing, tracker.Decide(rule, breached: false, Start.AddSeconds(10), hasOpenAlert: false));
    }

    [Fact]
    public void Disabling_a_rule_resolves_its_open_alert_even_while_the_condition_holds()
    {
        var rule = Rule(AlertMetric.ConversationsWaiting, threshold: 1, windowSeconds: 0);
        rule.Enabled = false;

        Assert.Equal(AlertDecision.Resolve, new AlertRuleTracker().Decide(rule, breached: true, Start, hasOpenAlert: true));
        Assert.Equal(AlertDecision.Nothing, new AlertRuleTracker().Decide(rule, breached: true, Start, hasOpenAlert: false));
    }

    [Fact]
    public void The_connection_drop_is_measured_from_the_peak_within_the_window_and_fires_at_once()
    {
        var rule = Rule(AlertMetric.ConnectionDrop, threshold: 50, windowSeconds: 120);
        var samples = new[]
        {
            Sample(Start.AddSeconds(-300), widgets: 100, agents: 0), // before the window: not the peak
            Sample(Start.AddSeconds(-100), widgets: 16, agents: 4),
            Sample(Start.AddSeconds(-50), widgets: 12, agents: 4),
            Sample(Start, widgets: 6, agents: 2),
        };

        var drop = AlertMeasure.ValueOf(rule, samples);

        Assert.Equal(60, drop);
        Assert.True(AlertMeasure.Breaches(rule, drop));
        Assert.Equal(AlertDecision.Fire, new AlertRuleTracker().Decide(rule, breached: true, Start, hasOpenAlert: false));
    }

    [Fact]
    public void Having_no_connections_or_gaining_some_is_no_drop()
    {
        Assert.Equal(0, AlertMeasure.ConnectionDropPercent([Sample(Start, 0, 0), Sample(Start.AddSeconds(5), 0, 0)]));
        Assert.Equal(0, AlertMeasure.ConnectionDropPercent([Sample(Start, 30, 1), Sample(Start.AddSeconds(5), 50, 1)]));
    }

    [Fact]
    public void A_few_connections_closing_is_no_drop_however_large_a_share_they_were()
    {
        // Two shoppers close their tabs: 100 % of a quiet shop's connections, no sign of trouble.
        Assert.Equal(0, AlertMeasure.ConnectionDropPercent([Sample(Start, 2, 0), Sample(Start.AddSeconds(5), 0, 0)]));
        Assert.Equal(0, AlertMeasure.ConnectionDropPercent([Sample(Start, 18, 1), Sample(Start.AddSeconds(5), 0, 0)]));
        // From the minimum on, the share counts.
        Assert.Equal(100, AlertMeasure.ConnectionDropPercent([Sample(Start, 19, 1), Sample(Start.AddSeconds(5), 0, 0)]));
    }

    [Fact]
    public void The_error_rate_is_compared_in_percent_and_a_missing_first_response_figure_never_breaches()
    {
        var errors = Rule(AlertMetric.ErrorRate, threshold: 5, windowSeconds: 0);
        var firstResponse = Rule(AlertMetric.FirstResponseP90Seconds, threshold: 120, windowSeconds: 0);
        var sample = Sample(Start, 0, 0) with { ErrorRate = 0.06, FirstResponseP90Seconds = null };

        Assert.Equal(6, AlertMeasure.ValueOf(errors, [sample]));
        Assert.True(AlertMeasure.Breaches(errors, AlertMeasure.ValueOf(errors, [sample])));
        Assert.Null(AlertMeasure.ValueOf(firstResponse, [sample]));
        Assert.False(AlertMeasure.Breaches(firstResponse, null));
    }

    [Fact]
    public void A_below_rule_breaches_under_its_threshold_and_not_at_it()
    {
        var rule = Rule(AlertMetric.MessagesPerMinute, threshold: 5, windowSeconds: 0);
        rule.Comparison = AlertComparison.Below;

        Assert.True(AlertMeasure.Breaches(rule, 4));
        Assert.False(AlertMeasure.Breaches(rule, 5));
    }

    private static AlertRule Rule(AlertMetric metric, double threshold, int windowSeconds) =>
        new() { Name = metric.ToString(), Metric = metric, Comparison = AlertComparison.Above, Threshold = threshold, WindowSeconds = windowSeconds };

    private static MonitoringSnapshot Sample(DateTime at, int widgets, int agents) =>
        new(at, widgets, agents, 0, 0, 0, 0, null, null, 0, 0, null, 0, 0);
}
