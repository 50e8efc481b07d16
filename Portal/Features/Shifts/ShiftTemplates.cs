using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;

namespace Portal.Features.Shifts;

/// <summary>Creates, changes and removes shift templates, refusing what would make a schedule impossible.</summary>
public sealed partial class ShiftTemplates(
    IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<ShiftTemplateDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var templates = await db.ShiftTemplates.AsNoTracking().ToListAsync(ct);
        return templates.OrderBy(t => t.Start).ThenBy(t => t.Name).Select(ShiftTemplateDto.From).ToList();
    }

    public async Task<ShiftTemplateDto> CreateAsync(ShiftTemplateInput input, CancellationToken ct = default)
    {
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = new ShiftTemplate { Name = "", TimeZone = "" };
        await ApplyAsync(db, template, input, ct);
        db.ShiftTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return ShiftTemplateDto.From(template);
    }

    public async Task<ShiftTemplateDto> UpdateAsync(Guid id, ShiftTemplateInput input, CancellationToken ct = default)
    {
        using var _ = await writeGate.EnterAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.ShiftTemplates.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new ShiftNotFoundException("shift template", id);
        await ApplyAsync(db, template, input, ct);
        await RefuseOverlapsFromChangedTimesAsync(db, template, ct);
        await db.SaveChangesAsync(ct);
        return ShiftTemplateDto.From(template);
    }

    /// <summary>Removes the template and every assignment of it.</summary>
    public async Task DeleteAsync(Guid id, AuditActor actor, CancellationToken ct = default)
    {
        var template = (await ListAsync(ct)).FirstOrDefault(t => t.Id == id) ?? throw new ShiftNotFoundException("shift template", id);
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.ShiftTemplates.Where(t => t.Id == id).ExecuteDeleteAsync(ct);
        }
        await audit.RecordAsync(actor, "shift_template.deleted", $"shift_template:{template.Name}", template, null, ct);
    }

    private static async Task ApplyAsync(PortalDbContext db, ShiftTemplate template, ShiftTemplateInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors["name"] = ["A shift template needs a name."];
        else if (name.Length > 100)
            errors["name"] = ["The name may be at most 100 characters."];
        else if (await db.ShiftTemplates.AnyAsync(t => t.Name == name && t.Id != template.Id, ct))
            errors["name"] = [$"There is already a shift template named \"{name}\"."];

        var start = ParseTime(input.Start, "start", errors);
        var end = ParseTime(input.End, "end", errors);
        if (start is not null && start == end)
            errors["end"] = ["A shift cannot end when it starts (zero length); to cross midnight, end before the start time."];

        var zoneId = input.TimeZone?.Trim() ?? "";
        if (zoneId.Length == 0)
            errors["timeZone"] = ["Choose the time zone the times are in, e.g. Asia/Shanghai."];
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) || !zone.HasIanaId)
            errors["timeZone"] = [$"Unknown time zone \"{zoneId}\"; use an IANA name such as Asia/Shanghai or Europe/Berlin."];

        var color = string.IsNullOrWhiteSpace(input.Color) ? template.Color : input.Color.Trim();
        if (!ColorPattern().IsMatch(color))
            errors["color"] = ["The colour must be #rrggbb, e.g. #4f46e5."];

        if (input.Weekdays?.Any(d => !Enum.IsDefined(d)) == true)
            errors["weekdays"] = ["Weekdays are monday … sunday."];

        if (errors.Count > 0)
            throw new ShiftRejectedException(errors);

        template.Name = name;
        template.Start = start!.Value;
        template.End = end!.Value;
        template.TimeZone = zoneId;
        template.Color = color.ToLowerInvariant();
        template.Weekdays = input.Weekdays?.Distinct().Order().ToList() ?? [];
    }

    private async Task RefuseOverlapsFromChangedTimesAsync(PortalDbContext db, ShiftTemplate changed, CancellationToken ct)
    {
        var entry = db.Entry(changed);
        if (!entry.Property(t => t.Start).IsModified && !entry.Property(t => t.End).IsModified && !entry.Property(t => t.TimeZone).IsModified)
            return;
        var from = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-2);
        var people = db.ShiftAssignments.Where(a => a.ShiftTemplateId == changed.Id && a.Date >= from).Select(a => a.UserId);
        var scheduled = await db.ShiftAssignments.AsNoTracking()
            .Where(a => a.Date >= from.AddDays(-1) && people.Contains(a.UserId)).ToListAsync(ct);
        var templateIds = scheduled.Select(a => a.ShiftTemplateId).Distinct().ToList();
        var templates = await db.ShiftTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        templates[changed.Id] = changed;
        var occurrences = ShiftCalendar.Expand(scheduled.Select(a => (a, templates[a.ShiftTemplateId])), []);
        var clash = occurrences.GroupBy(o => o.UserId)
            .SelectMany(person => person.SelectMany(a => person.Where(b => a.TemplateId == changed.Id && b != a && a.Overlaps(b))))
            .FirstOrDefault();
        if (clash is not null)
            throw new ShiftRejectedException("end",
                $"With these times, \"{changed.Name}\" would overlap \"{clash.TemplateName}\" on {clash.Start.UtcDateTime:yyyy-MM-dd HH:mm} UTC for a person who works both.");
    }

    private static TimeOnly? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        errors[field] = [string.IsNullOrWhiteSpace(text) ? $"The {field} time is required (HH:mm)." : $"\"{text}\" is not a time; use HH:mm, e.g. 08:00."];
        return null;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
