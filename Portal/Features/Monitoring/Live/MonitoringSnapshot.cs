namespace Portal.Features.Monitoring.Live;

/// <summary>
/// What is happening now, sampled every few seconds for the live dashboard and the alert rules. Rates are over the last
/// minute, first-response figures over the last hour, the bot's share over the last 24 hours.
/// </summary>
public sealed record MonitoringSnapshot(
    DateTime At,
    int WidgetConnections,
    int AgentConnections,
    int MessagesPerMinute,
    int ConversationsWaiting,
    double LongestWaitSeconds,
    int FirstResponses,
    double? FirstResponseP50Seconds,
    double? FirstResponseP90Seconds,
    int AgentsOnline,
    int AgentsOnShift,
    double? BotResolvedShare,
    int RequestsPerMinute,
    double ErrorRate);
