using Portal.Features.Monitoring.Live;

namespace Portal.Features.Monitoring.Dashboard;

/// <summary>One figure of a live sample as a dashboard tile shows it: its name, how it is written, and whether more is worse.</summary>
public sealed record DashboardFigure(string Key, string Label, Func<MonitoringSnapshot, double?> Read, Func<double?, string> Format, bool HigherIsWorse)
{
    public static IReadOnlyList<DashboardFigure> All { get; } =
    [
        new("widget-connections", "Widget connections", s => s.WidgetConnections, FigureFormat.Count, false),
        new("agent-connections", "Agent connections", s => s.AgentConnections, FigureFormat.Count, false),
        new("messages-per-minute", "Messages / min", s => s.MessagesPerMinute, FigureFormat.Count, false),
        new("waiting", "Customers waiting", s => s.ConversationsWaiting, FigureFormat.Count, true),
        new("longest-wait", "Longest wait", s => s.LongestWaitSeconds, FigureFormat.Duration, true),
        new("first-response-p50", "First response p50", s => s.FirstResponseP50Seconds, FigureFormat.Duration, true),
        new("first-response-p90", "First response p90", s => s.FirstResponseP90Seconds, FigureFormat.Duration, true),
        new("agents-online", "Agents online", s => s.AgentsOnline, FigureFormat.Count, false),
        new("agents-on-shift", "Agents on shift", s => s.AgentsOnShift, FigureFormat.Count, false),
        new("bot-resolved", "Bot-resolved (24 h)", s => s.BotResolvedShare, FigureFormat.Share, false),
        new("error-rate", "Error rate", s => s.ErrorRate, FigureFormat.Share, true),
    ];
}
