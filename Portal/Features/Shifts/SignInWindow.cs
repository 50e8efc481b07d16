using Portal.Data;
using Portal.Features.Team;

namespace Portal.Features.Shifts;

/// <summary>Whether a sign-in may go ahead now; when not, <see cref="Message"/> tells the person when they can.</summary>
public sealed record SignInDecision(bool Allowed, string? Message = null, DateTimeOffset? NextShiftStart = null)
{
    public static readonly SignInDecision Allow = new(true);
}

/// <summary>
/// The shift sign-in window: with <see cref="ShiftSettings.RestrictSignInToShifts"/> on, people who neither manage
/// shifts nor the team (agents, trainees) may sign in only while on shift, give or take the grace period.
/// The console login and <c>POST /api/v1/auth/login</c> both ask here, after the password has been checked.
/// </summary>
public sealed class SignInWindow(
    ShiftSettingsStore settings, ShiftCalendar calendar, ShiftTemplates templates, AccessDirectory access, TimeProvider clock)
{
    public async Task<SignInDecision> CheckAsync(PortalUser user, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        if (!current.RestrictSignInToShifts)
            return SignInDecision.Allow;
        var permissions = await access.GetAsync(user.Id, ct);
        if (permissions.Has(Permissions.ShiftsManage) || permissions.Has(Permissions.TeamManage))
            return SignInDecision.Allow;

        var now = clock.GetUtcNow();
        if (await calendar.IsOnShiftAsync(user.Id, now, current.Grace, ct))
            return SignInDecision.Allow;
        var next = await calendar.NextShiftOfAsync(user.Id, now, ct);
        var when = next is null ? "no shift is scheduled for you yet" : $"next shift at {await LocalStartAsync(next, ct)}";
        return new SignInDecision(false,
            $"You can sign in during your shift, up to {current.GraceMinutes} minutes before or after it ({when}).", next?.Start);
    }

    // The start as the shift's own clock shows it, e.g. "2026-11-27 08:00 Asia/Shanghai (Morning)".
    private async Task<string> LocalStartAsync(ShiftOccurrence shift, CancellationToken ct)
    {
        var zoneId = (await templates.ListAsync(ct)).FirstOrDefault(t => t.Id == shift.TemplateId)?.TimeZone ?? "UTC";
        var local = TimeZoneInfo.ConvertTime(shift.Start, TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        return $"{local:yyyy-MM-dd HH:mm} {zoneId} ({shift.TemplateName})";
    }
}
