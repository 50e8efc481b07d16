using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Team;

namespace Portal.Features.Alerts;

/// <summary>
/// Alerts (issue #5 part 5): <c>/api/v1/alerts</c>. Seeing and acknowledging alerts needs reports.view; changing the rules and
/// the webhook changes what the whole team is woken up for, so it needs settings.manage.
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/v1/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAlerts)
            .WithName("ListAlerts").WithSummary("Alerts, newest first")
            .WithDescription("The alert history; state=Firing, Acknowledged or Resolved narrows it. Pages count from 1, at most 200 alerts each.")
            .RequireAuthorization(Permissions.ReportsView);
        alerts.MapPost("/{id:guid}/acknowledge", (Guid id, AlertHistory list, HttpContext http, CancellationToken ct) =>
                Validated(() => list.AcknowledgeAsync(id, AuditActor.From(http), ct)))
            .WithName("AcknowledgeAlert").WithSummary("Acknowledge a firing alert (it still resolves when its condition clears)")
            .RequireAuthorization(Permissions.ReportsView);

        alerts.MapGet("/rules", (AlertRules rules, CancellationToken ct) => rules.ListAsync(ct))
            .WithName("ListAlertRules").WithSummary("Alert rules").RequireAuthorization(Permissions.ReportsView);
        alerts.MapPost("/rules", (AlertRuleInput input, AlertRules rules, HttpContext http, CancellationToken ct) =>
                Validated(() => rules.CreateAsync(input, AuditActor.From(http), ct)))
            .WithName("CreateAlertRule").WithSummary("Create an alert rule")
            .WithDescription("Threshold 0 or more in the metric's unit (count, seconds, percent); windowSeconds 0–3600, the time the condition must hold.")
            .RequireAuthorization(Permissions.SettingsManage);
        alerts.MapPut("/rules/{id:guid}", (Guid id, AlertRuleInput input, AlertRules rules, HttpContext http, CancellationToken ct) =>
                Validated(() => rules.UpdateAsync(id, input, AuditActor.From(http), ct)))
            .WithName("UpdateAlertRule").WithSummary("Change an alert rule").RequireAuthorization(Permissions.SettingsManage);
        alerts.MapDelete("/rules/{id:guid}", (Guid id, AlertRules rules, HttpContext http, CancellationToken ct) =>
                Validated(() => rules.DeleteAsync(id, AuditActor.From(http), ct)))
            .WithName("DeleteAlertRule").WithSummary("Delete an alert rule (its history stays)").RequireAuthorization(Permissions.SettingsManage);

        alerts.MapGet("/webhook", (AlertWebhookStore store, CancellationToken ct) => store.ViewAsync(ct))
            .WithName("GetAlertWebhook").WithSummary("The alert webhook (whether a secret is set, never the secret)")
            .RequireAuthorization(Permissions.SettingsManage);
        alerts.MapPut("/webhook", (AlertWebhookInput input, AlertWebhookStore store, HttpContext http, CancellationToken ct) =>
                Validated(() => store.SaveAsync(input, AuditActor.From(http), ct)))
            .WithName("SaveAlertWebhook").WithSummary("Change the alert webhook")
            .WithDescription("Firing and resolved alerts are posted at least once (de-duplicate on alertId + state), signed: "
                + "X-Portal-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>, plus X-Portal-Timestamp (Unix seconds). "
                + "An empty url turns the webhook off; an empty secret keeps the stored one.")
            .RequireAuthorization(Permissions.SettingsManage);
        alerts.MapPost("/webhook/test", (AlertWebhookTest test, CancellationToken ct) => test.SendAsync(ct))
            .WithName("TestAlertWebhook").WithSummary("Post a signed test alert to the webhook now")
            .RequireAuthorization(Permissions.SettingsManage);
        return app;
    }

    private static async Task<Results<Ok<AlertPage>, ValidationProblem>> ListAlerts(
        string? state, int? page, int? pageSize, AlertHistory history, CancellationToken ct)
    {
        AlertState? wanted = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<AlertState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["The state is firing, acknowledged or resolved."] });
            wanted = parsed;
        }
        return TypedResults.Ok(await history.ListAsync(wanted, page ?? 1, pageSize ?? 50, ct));
    }

    /// <summary>Runs a change: refused input answers 400 with its errors, an unknown id 404.</summary>
    private static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> Validated<T>(Func<Task<T>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (AlertValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
        catch (AlertNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
        }
    }
}
