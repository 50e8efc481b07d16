using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Shifts;

/// <summary>
/// Puts people on shifts and takes them off, copies and fills weeks, and records holidays and leave. A person
/// never has two shifts whose times overlap (compared in UTC, so across midnight and time zones too).
/// </summary>
public sealed class ShiftSchedule(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate)
{
    public const int MaxDays = 62;

    public async Task<ScheduleDto> ReadAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
            throw new ShiftRejectedException("to", $"Choose a range of 1 to {MaxDays} days, with to on or after from.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inRange = db.ShiftAssignments.Where(a => a.Date >= from && a.Date <= to);
        var scheduled = await (
            from assignment in inRange
            join template in db.ShiftTemplates on assignment.ShiftTemplateId equals template.Id
            select new { assignment, template }).AsNoTracking().ToListAsync(ct);
        var exceptions = await db.ShiftExceptions.AsNoTracking().Where(e => e.Date >= from && e.Date <= to).ToListAsync(ct);
        var scheduledIds = scheduled.Select(s => s.assignment.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive || scheduledIds.Contains(u.Id)).ToListAsync(ct);
        var names = users.ToDictionary(u => u.Id, NameOf);
        var occurring = ShiftCalendar.Expand(scheduled.Select(s => (s.assignment, s.template)), exceptions)
            .Select(o => (o.UserId, o.TemplateId, o.Start)).ToHashSet();

        var assignments = scheduled.Select(s =>
        {
            var (start, end) = Times(s.assignment, s.template);
            return new ShiftAssignmentDto(s.assignment.Id, s.assignment.UserId, names.GetValueOrDefault(s.assignment.UserId, "?"),
                s.template.Id, s.template.Name, s.template.Color, s.assignment.Date, start.UtcDateTime, end.UtcDateTime,
                !occurring.Contains((s.assignment.UserId, s.template.Id, start)));
        }).OrderBy(a => a.Start).ThenBy(a => a.UserName).ToList();
        return new ScheduleDto(from, to,
            users.Select(u => new SchedulePerson(u.Id, NameOf(u), u.Email ?? "", u.IsActive)).OrderBy(p => p.Name).ToList(),
            assignments,
            exceptions.Select(e => ToDto(e, names)).OrderBy(e => e.Date).ThenBy(e => e.UserName).ToList());
    }

    public async Task<ShiftAssignmentDto> AssignAsync(string? userId, Guid templateId, DateOnly date, CancellationToken ct = default)
    {
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (user, template) = await FindAssignableAsync(db, userId, templateId, ct);
        var assignment = new ShiftAssignment { UserId = user.Id, ShiftTemplateId = template.Id, Date = date };
        if (await FindClashAsync(db, assignment, template, ct) is { } clash)
            throw new ShiftRejectedException("date", Describe(NameOf(user), clash));
        db.ShiftAssignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        var (start, end) = Times(assignment, template);
        return new ShiftAssignmentDto(assignment.Id, user.Id, NameOf(user), template.Id, template.Name, template.Color, date,
            start.UtcDateTime, end.UtcDateTime, IsOff: false);
    }

    public async Task UnassignAsync(Guid assignmentId, CancellationToken ct = default)
    {
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ShiftAssignments.Where(a => a.Id == assignmentId).ExecuteDeleteAsync(ct) == 0)
            throw new ShiftNotFoundException("shift assignment", assignmentId);
    }

    /// <summary>Copies one week's assignments to another, leaving out those already there, clashing, or of deactivated people.</summary>
    public async Task<ScheduleChange> CopyWeekAsync(DateOnly fromWeekStart, DateOnly toWeekStart, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (fromWeekStart.DayOfWeek != DayOfWeek.Monday) errors["fromWeekStart"] = ["A week starts on a Monday."];
        if (toWeekStart.DayOfWeek != DayOfWeek.Monday) errors["toWeekStart"] = ["A week starts on a Monday."];
        if (errors.Count == 0 && fromWeekStart == toWeekStart) errors["toWeekStart"] = ["Copy to a different week."];
        if (errors.Count > 0)
            throw new ShiftRejectedException(errors);

        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await (
            from assignment in db.ShiftAssignments.Where(a => a.Date >= fromWeekStart && a.Date < fromWeekStart.AddDays(7))
            join template in db.ShiftTemplates on assignment.ShiftTemplateId equals template.Id
            join user in db.Users on assignment.UserId equals user.Id
            select new { assignment, template, user.IsActive }).AsNoTracking().ToListAsync(ct);
        var shift = toWeekStart.DayNumber - fromWeekStart.DayNumber;
        int added = 0, skipped = 0;
        foreach (var item in source.OrderBy(s => s.assignment.Date))
        {
            var copy = new ShiftAssignment { UserId = item.assignment.UserId, ShiftTemplateId = item.template.Id, Date = item.assignment.Date.AddDays(shift) };
            if (!item.IsActive || await FindClashAsync(db, copy, item.template, ct) is not null)
            {
                skipped++;
                continue;
            }
            db.ShiftAssignments.Add(copy);
            added++;
        }
        await db.SaveChangesAsync(ct);
        return new ScheduleChange(added, skipped);
    }

    /// <summary>Puts the person on the template on each of its weekdays in the week; refuses all if one would clash.</summary>
    public async Task<ScheduleChange> FillWeekAsync(string? userId, Guid templateId, DateOnly weekStart, CancellationToken ct = default)
    {
        if (weekStart.DayOfWeek != DayOfWeek.Monday)
            throw new ShiftRejectedException("weekStart", "A week starts on a Monday.");
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (user, template) = await FindAssignableAsync(db, userId, templateId, ct);
        if (template.Weekdays.Count == 0)
            throw new ShiftRejectedException("templateId", $"\"{template.Name}\" has no weekdays to fill; give the template its weekdays first.");

        int added = 0, skipped = 0;
        var clashes = new List<string>();
        foreach (var date in Enumerable.Range(0, 7).Select(weekStart.AddDays).Where(d => template.Weekdays.Contains(d.DayOfWeek)))
        {
            var assignment = new ShiftAssignment { UserId = user.Id, ShiftTemplateId = template.Id, Date = date };
            var clash = await FindClashAsync(db, assignment, template, ct);
            if (clash is not null && clash.TemplateId == template.Id && Times(assignment, template).Start == clash.Start)
                skipped++;
            else if (clash is not null)
                clashes.Add(Describe(NameOf(user), clash));
            else
            {
                db.ShiftAssignments.Add(assignment);
                added++;
            }
        }
        if (clashes.Count > 0)
            throw new ShiftRejectedException(new Dictionary<string, string[]> { ["weekStart"] = [.. clashes] });
        await db.SaveChangesAsync(ct);
        return new ScheduleChange(added, skipped);
    }

    public async Task<ShiftExceptionDto> AddExceptionAsync(DateOnly date, string? userId, string? note, CancellationToken ct = default)
    {
        note = note?.Trim() ?? "";
        if (note.Length > 200)
            throw new ShiftRejectedException("note", "The note may be at most 200 characters.");
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string? userName = null;
        if (!string.IsNullOrEmpty(userId))
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct)
                ?? throw new ShiftRejectedException("userId", $"There is no user with id {userId}.");
            userName = NameOf(user);
        }
        else
            userId = null;
        if (await db.ShiftExceptions.AnyAsync(e => e.Date == date && e.UserId == userId, ct))
            throw new ShiftRejectedException("date", userId is null ? $"{date:yyyy-MM-dd} is already a holiday." : $"{userName} is already on leave on {date:yyyy-MM-dd}.");
        var exception = new ShiftException
        {
            Date = date, UserId = userId, Note = note, Kind = userId is null ? ShiftExceptionKind.Holiday : ShiftExceptionKind.Leave,
        };
        db.ShiftExceptions.Add(exception);
        await db.SaveChangesAsync(ct);
        return new ShiftExceptionDto(exception.Id, date, userId, userName, exception.Kind, note);
    }

    public async Task RemoveExceptionAsync(Guid id, CancellationToken ct = default)
    {
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ShiftExceptions.Where(e => e.Id == id).ExecuteDeleteAsync(ct) == 0)
            throw new ShiftNotFoundException("holiday or leave", id);
    }

    private static async Task<(PortalUser User, ShiftTemplate Template)> FindAssignableAsync(
        PortalDbContext db, string? userId, Guid templateId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var user = string.IsNullOrEmpty(userId) ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
            errors["userId"] = [string.IsNullOrEmpty(userId) ? "Choose who works the shift." : $"There is no user with id {userId}."];
        else if (!user.IsActive)
            errors["userId"] = [$"{NameOf(user)} is deactivated and cannot be put on shifts."];
        var template = await db.ShiftTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct);
        if (template is null)
            errors["templateId"] = [$"There is no shift template with id {templateId}."];
        if (errors.Count > 0)
            throw new ShiftRejectedException(errors);
        return (user!, template!);
    }

    /// <summary>The person's shift (stored, or added to this context and not yet saved) that overlaps the new one, if any.</summary>
    private static async Task<ShiftOccurrence?> FindClashAsync(PortalDbContext db, ShiftAssignment candidate, ShiftTemplate template, CancellationToken ct)
    {
        var (start, end) = Times(candidate, template);
        var mine = new ShiftOccurrence(candidate.UserId, template.Id, template.Name, start, end);
        var near = await (
            from assignment in db.ShiftAssignments.AsNoTracking()
                .Where(a => a.UserId == candidate.UserId && a.Date >= candidate.Date.AddDays(-2) && a.Date <= candidate.Date.AddDays(2))
            join other in db.ShiftTemplates on assignment.ShiftTemplateId equals other.Id
            select new { assignment, other }).ToListAsync(ct);
        var pending = db.ChangeTracker.Entries<ShiftAssignment>().Where(e => e.State == EntityState.Added && e.Entity.UserId == candidate.UserId)
            .Select(e => e.Entity).ToList();
        var pendingTemplates = await db.ShiftTemplates.AsNoTracking()
            .Where(t => pending.Select(p => p.ShiftTemplateId).Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var existing = near.Select(n => (n.assignment, n.other)).Concat(pending.Select(p => (p, pendingTemplates[p.ShiftTemplateId])));
        return ShiftCalendar.Expand(existing, []).FirstOrDefault(o => o.Overlaps(mine));
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Times(ShiftAssignment assignment, ShiftTemplate template) =>
        ShiftTimes.Occurrence(assignment.Date, template.Start, template.End, TimeZoneInfo.FindSystemTimeZoneById(template.TimeZone));

    private static string Describe(string person, ShiftOccurrence clash) =>
        $"{person} already works \"{clash.TemplateName}\" from {clash.Start.UtcDateTime:yyyy-MM-dd HH:mm} to {clash.End.UtcDateTime:yyyy-MM-dd HH:mm} UTC, which overlaps this shift.";

    private static ShiftExceptionDto ToDto(ShiftException e, IReadOnlyDictionary<string, string> names) =>
        new(e.Id, e.Date, e.UserId, e.UserId is null ? null : names.GetValueOrDefault(e.UserId, "?"), e.Kind, e.Note);

    internal static string NameOf(PortalUser user) => string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName;
}
