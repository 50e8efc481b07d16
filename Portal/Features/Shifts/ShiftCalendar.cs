using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Shifts;

/// <summary>
/// Who works when, read from the schedule: templates put on dates, minus holidays (everybody's shifts that start
/// that day) and leave (one person's). Routing and the sign-in window ask it; it changes nothing.
/// </summary>
public sealed class ShiftCalendar(IDbContextFactory<PortalDbContext> dbFactory)
{
    // Time zones are at most 14 hours from UTC and a shift lasts at most a day, so a shift covering an instant
    // started within two days before it (by its own local date).
    private const int DaysBack = 2;

    /// <summary>How far ahead <see cref="NextShiftStartAsync"/> looks.</summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromDays(31);

    /// <summary>The ids of the users whose shift covers <paramref name="at"/>.</summary>
    public async Task<IReadOnlySet<string>> AgentsOnShiftAsync(DateTimeOffset at, CancellationToken ct = default) =>
        (await AroundAsync(at, userId: null, ct)).Where(o => o.Covers(at)).Select(o => o.UserId).ToHashSet();

    /// <summary>Whether the user's shift covers <paramref name="at"/>, widened by <paramref name="grace"/> on both ends.</summary>
    public async Task<bool> IsOnShiftAsync(string userId, DateTimeOffset at, TimeSpan grace = default, CancellationToken ct = default) =>
        (await AroundAsync(at, userId, ct)).Any(o => o.Covers(at, grace));

    /// <summary>Every shift that starts on a date from <paramref name="from"/> to <paramref name="to"/> (each in its template's time zone), by start.</summary>
    public async Task<IReadOnlyList<ShiftOccurrence>> OccurrencesAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        await LoadAsync(from, to, userId: null, ct);

    /// <summary>The earliest start of anyone's shift after <paramref name="after"/>, within <see cref="LookAhead"/>; null if none.</summary>
    public async Task<DateTimeOffset?> NextShiftStartAsync(DateTimeOffset after, CancellationToken ct = default) =>
        (await NextAsync(after, userId: null, ct))?.Start;

    /// <summary>The user's next shift starting after <paramref name="after"/>, within <see cref="LookAhead"/>; null if none.</summary>
    public Task<ShiftOccurrence?> NextShiftOfAsync(string userId, DateTimeOffset after, CancellationToken ct = default) =>
        NextAsync(after, userId, ct);

    /// <summary>
    /// Expands assignments into occurrences, dropping those on a holiday and those of a person on leave that day.
    /// Assignments whose template has an unknown time zone are skipped (templates are validated when saved).
    /// </summary>
    public static IReadOnlyList<ShiftOccurrence> Expand(
        IEnumerable<(ShiftAssignment Assignment, ShiftTemplate Template)> scheduled, IEnumerable<ShiftException> exceptions)
    {
        var exceptionList = exceptions.ToList();
        var holidays = exceptionList.Where(e => e.UserId is null).Select(e => e.Date).ToHashSet();
        var leave = exceptionList.Where(e => e.UserId is not null).Select(e => (e.UserId!, e.Date)).ToHashSet();
        var occurrences = new List<ShiftOccurrence>();
        foreach (var (assignment, template) in scheduled)
        {
            if (holidays.Contains(assignment.Date) || leave.Contains((assignment.UserId, assignment.Date))
                || !TimeZoneInfo.TryFindSystemTimeZoneById(template.TimeZone, out var zone))
                continue;
            var (start, end) = ShiftTimes.Occurrence(assignment.Date, template.Start, template.End, zone);
            occurrences.Add(new ShiftOccurrence(assignment.UserId, template.Id, template.Name, start, end));
        }
        return occurrences.OrderBy(o => o.Start).ThenBy(o => o.UserId, StringComparer.Ordinal).ToList();
    }

    private Task<IReadOnlyList<ShiftOccurrence>> AroundAsync(DateTimeOffset at, string? userId, CancellationToken ct)
    {
        var utcDate = DateOnly.FromDateTime(at.UtcDateTime);
        return LoadAsync(utcDate.AddDays(-DaysBack), utcDate.AddDays(1), userId, ct);
    }

    private async Task<ShiftOccurrence?> NextAsync(DateTimeOffset after, string? userId, CancellationToken ct)
    {
        var utcDate = DateOnly.FromDateTime(after.UtcDateTime);
        var until = after + LookAhead;
        var upcoming = await LoadAsync(utcDate.AddDays(-1), DateOnly.FromDateTime(until.UtcDateTime), userId, ct);
        return upcoming.FirstOrDefault(o => o.Start > after && o.Start <= until);
    }

    private async Task<IReadOnlyList<ShiftOccurrence>> LoadAsync(DateOnly from, DateOnly to, string? userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignments = db.ShiftAssignments.Where(a => a.Date >= from && a.Date <= to);
        var exceptions = db.ShiftExceptions.Where(e => e.Date >= from && e.Date <= to);
        if (userId is not null)
        {
            assignments = assignments.Where(a => a.UserId == userId);
            exceptions = exceptions.Where(e => e.UserId == null || e.UserId == userId);
        }
        var scheduled = await (
            from assignment in assignments
            join template in db.ShiftTemplates on assignment.ShiftTemplateId equals template.Id
            select new { assignment, template }).AsNoTracking().ToListAsync(ct);
        return Expand(scheduled.Select(s => (s.assignment, s.template)), await exceptions.AsNoTracking().ToListAsync(ct));
    }
}
