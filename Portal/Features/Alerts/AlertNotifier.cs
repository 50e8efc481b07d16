using Portal.Hosting;

namespace Portal.Features.Alerts;

public enum AlertChange
{
    Fired,
    ValueChanged,
    Acknowledged,
    Resolved,
}

/// <summary>An alert fired, moved on or resolved; <see cref="Alert"/> is its state after the change.</summary>
public sealed record AlertChanged(AlertChange Change, AlertDto Alert);

/// <summary>Alert changes for the pages: the layout's badge and snackbar and the alerts page (CONVENTIONS 6).</summary>
public sealed class AlertNotifier(ILogger<AlertNotifier> logger) : EventStream<AlertChanged>(logger);
