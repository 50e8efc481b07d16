using System.Net;
using Portal.Features.Shifts;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Shifts;

[Collection(ApiCollection.Name)]
public sealed class ShiftsApiTests(PortalAppFactory app)
{
    // Far-future weeks of each test's own: copying a week copies everybody's shifts in it.
    private static readonly DateOnly Monday = new(2031, 3, 3);

    [Fact]
    public async Task The_demo_has_morning_evening_and_night_shifts_with_its_agents_on_them_this_week()
    {
        using var api = await app.CreateApiClientAsync(PortalAppFactory.Agent2Email);

        var templates = await api.GetAsync<TemplateView[]>("/api/v1/shifts/templates");
        var week = ShiftTimes.WeekStart(ShiftTimes.LocalDate(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        var schedule = await api.ScheduleAsync(week, week.AddDays(6));

        Assert.Equal(("16:00", "00:00", true), templates.Where(t => t.Name == "Evening").Select(t => (t.Start, t.End, t.CrossesMidnight)).Single());
        Assert.Subset(templates.Select(t => t.Name).ToHashSet(), new HashSet<string> { "Morning", "Night" });
        var agent2 = await app.UserIdAsync(PortalAppFactory.Agent2Email);
        Assert.Equal(7, schedule.Assignments.Count(a => a.UserId == agent2 && a.TemplateName == "Evening"));
    }

    [Fact]
    public async Task A_zero_length_shift_is_refused()
    {
        using var api = await app.CreateApiClientAsync();
        using var response = await api.PostJsonAsync("/api/v1/shifts/templates",
            new { name = "Nothing", start = "09:00", end = "09:00", timeZone = "Asia/Shanghai" });

        Assert.Contains("zero length", (await response.AssertValidationErrorAsync("end")).Single());
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_by_name()
    {
        using var api = await app.CreateApiClientAsync();
        using var response = await api.PostJsonAsync("/api/v1/shifts/templates",
            new { name = "Moon shift", start = "09:00", end = "17:00", timeZone = "Moon/Tranquility_Base" });

        Assert.Contains("Moon/Tranquility_Base", (await response.AssertValidationErrorAsync("timeZone")).Single());
    }

    [Fact]
    public async Task A_template_without_a_name_or_with_a_taken_name_is_refused()
    {
        using var api = await app.CreateApiClientAsync();
        var existing = await api.CreateTemplateAsync("09:00", "17:00");

        using var unnamed = await api.PostJsonAsync("/api/v1/shifts/templates", new { name = " ", start = "09:00", end = "17:00", timeZone = "UTC" });
        using var taken = await api.PostJsonAsync("/api/v1/shifts/templates", new { name = existing.Name, start = "10:00", end = "18:00", timeZone = "UTC" });
        using var badTime = await api.PostJsonAsync("/api/v1/shifts/templates", new { name = "Odd", start = "25:00", end = "18:00", timeZone = "UTC" });

        await unnamed.AssertValidationErrorAsync("name");
        Assert.Contains("already", (await taken.AssertValidationErrorAsync("name")).Single());
        await badTime.AssertValidationErrorAsync("start");
    }

    [Fact]
    public async Task A_template_that_ends_before_it_starts_crosses_midnight()
    {
        using var api = await app.CreateApiClientAsync();

        var night = await api.CreateTemplateAsync("22:00", "06:00", weekdays: ["monday", "friday"]);

        Assert.True(night.CrossesMidnight);
        Assert.Equal(["monday", "friday"], night.Weekdays);
    }

    [Fact]
    public async Task Overlapping_shifts_for_one_person_are_refused_also_across_midnight_and_time_zones()
    {
        using var api = await app.CreateApiClientAsync();
        var (person, _) = await app.CreatePersonAsync();
        var night = await api.CreateTemplateAsync("22:00", "06:00");
        var early = await api.CreateTemplateAsync("05:00", "09:00");
        var berlinEvening = await api.CreateTemplateAsync("16:00", "18:00", "Europe/Berlin");

        (await api.AssignAsync(person, night.Id, Monday)).EnsureSuccessStatusCode();
        (await api.AssignAsync(person, early.Id, Monday)).EnsureSuccessStatusCode();
        using var nextMorning = await api.AssignAsync(person, early.Id, Monday.AddDays(1));
        // 16:00 in Berlin (winter) is 23:00 in Shanghai: inside the night shift.
        using var berlin = await api.AssignAsync(person, berlinEvening.Id, Monday);
        using var twice = await api.AssignAsync(person, night.Id, Monday);

        Assert.Contains("overlaps", (await nextMorning.AssertValidationErrorAsync("date")).Single());
        await berlin.AssertValidationErrorAsync("date");
        await twice.AssertValidationErrorAsync("date");
    }

    [Fact]
    public async Task Assigning_a_deactivated_or_unknown_person_or_an_unknown_template_is_refused()
    {
        using var api = await app.CreateApiClientAsync();
        var (person, _) = await app.CreatePersonAsync();
        await app.DeactivateAsync(person);
        var template = await api.CreateTemplateAsync("09:00", "17:00");

        using var deactivated = await api.AssignAsync(person, template.Id, Monday);
        using var unknownPerson = await api.AssignAsync("no-such-user", template.Id, Monday);
        using var unknownTemplate = await api.AssignAsync((await app.CreatePersonAsync()).Id, Guid.NewGuid(), Monday);

        Assert.Contains("deactivated", (await deactivated.AssertValidationErrorAsync("userId")).Single());
        await unknownPerson.AssertValidationErrorAsync("userId");
        await unknownTemplate.AssertValidationErrorAsync("templateId");
    }

    [Fact]
    public async Task Copying_a_week_copies_its_assignments_and_skips_those_already_there()
    {
        using var api = await app.CreateApiClientAsync();
        var (person, _) = await app.CreatePersonAsync();
        var template = await api.CreateTemplateAsync("09:00", "17:00");
        var week = Monday.AddDays(7);
        (await api.AssignAsync(person, template.Id, week)).EnsureSuccessStatusCode();
        (await api.AssignAsync(person, template.Id, week.AddDays(2))).EnsureSuccessStatusCode();

        var first = await (await api.PostJsonAsync("/api/v1/shifts/copy-week", new { fromWeekStart = week, toWeekStart = week.AddDays(7) })).ReadAsync<ChangeView>();
        var again = await (await api.PostJsonAsync("/api/v1/shifts/copy-week", new { fromWeekStart = week, toWeekStart = week.AddDays(7) })).ReadAsync<ChangeView>();
        using var notMonday = await api.PostJsonAsync("/api/v1/shifts/copy-week", new { fromWeekStart = week.AddDays(1), toWeekStart = week.AddDays(7) });

        Assert.Equal(new ChangeView(2, 0), first);
        Assert.Equal(new ChangeView(0, 2), again);
        await notMonday.AssertValidationErrorAsync("fromWeekStart");
        var copied = (await api.ScheduleAsync(week.AddDays(7), week.AddDays(13))).Assignments.Where(a => a.UserId == person);
        Assert.Equal([week.AddDays(7), week.AddDays(9)], copied.Select(a => a.Date));
    }

    [Fact]
    public async Task Filling_a_week_puts_the_person_on_the_templates_weekdays()
    {
        using var api = await app.CreateApiClientAsync();
        var (person, _) = await app.CreatePersonAsync();
        var template = await api.CreateTemplateAsync("18:00", "02:00", weekdays: ["monday", "wednesday", "saturday"]);
        var week = Monday.AddDays(21);

        var filled = await (await api.PostJsonAsync("/api/v1/shifts/fill-week", new { userId = person, templateId = template.Id, weekStart = week })).ReadAsync<ChangeView>();
        var refilled = await (await api.PostJsonAsync("/api/v1/shifts/fill-week", new { userId = person, templateId = template.Id, weekStart = week })).ReadAsync<ChangeView>();

        Assert.Equal(new ChangeView(3, 0), filled);
        Assert.Equal(new ChangeView(0, 3), refilled);
        var schedule = await api.ScheduleAsync(week, week.AddDays(6));
        var mine = schedule.Assignments.Where(a => a.UserId == person).ToList();
        Assert.Equal([week, week.AddDays(2), week.AddDays(5)], mine.Select(a => a.Date));
        // 18:00–02:00 in Shanghai is 10:00–18:00 UTC.
        Assert.Equal(week.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), mine[0].Start);
        Assert.Equal(week.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc), mine[0].End);
    }

    [Fact]
    public async Task Holidays_and_leave_cancel_shifts_in_the_schedule_and_can_be_removed()
    {
        using var api = await app.CreateApiClientAsync();
        var (li, _) = await app.CreatePersonAsync();
        var (tom, _) = await app.CreatePersonAsync();
        var template = await api.CreateTemplateAsync("09:00", "17:00");
        var week = Monday.AddDays(35);
        foreach (var person in new[] { li, tom })
        foreach (var day in new[] { 0, 1 })
            (await api.AssignAsync(person, template.Id, week.AddDays(day))).EnsureSuccessStatusCode();

        var holiday = await (await api.PostJsonAsync("/api/v1/shifts/exceptions", new { date = week, note = "Shop closed" })).ReadAsync<ExceptionView>(HttpStatusCode.Created);
        var leave = await (await api.PostJsonAsync("/api/v1/shifts/exceptions", new { date = week.AddDays(1), userId = li })).ReadAsync<ExceptionView>(HttpStatusCode.Created);
        using var twice = await api.PostJsonAsync("/api/v1/shifts/exceptions", new { date = week });
        using var unknown = await api.PostJsonAsync("/api/v1/shifts/exceptions", new { date = week, userId = "nobody" });

        Assert.Equal("holiday", holiday.Kind);
        Assert.Equal("leave", leave.Kind);
        await twice.AssertValidationErrorAsync("date");
        await unknown.AssertValidationErrorAsync("userId");
        var off = (await api.ScheduleAsync(week, week.AddDays(1))).Assignments.Where(a => a.UserId == li || a.UserId == tom)
            .Where(a => a.IsOff).Select(a => (a.UserId, a.Date)).ToHashSet();
        Assert.Equal(new HashSet<(string, DateOnly)> { (li, week), (tom, week), (li, week.AddDays(1)) }, off);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/shifts/exceptions/{holiday.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/shifts/exceptions/{holiday.Id}")).StatusCode);
        Assert.DoesNotContain((await api.ScheduleAsync(week, week)).Assignments, a => a.UserId == tom && a.IsOff);
    }

    [Fact]
    public async Task Who_is_on_now_lists_a_person_whose_shift_covers_now_with_presence_load_and_capacity()
    {
        using var api = await app.CreateApiClientAsync();
        var (person, _) = await app.CreatePersonAsync();
        var (later, _) = await app.CreatePersonAsync();
        var now = DateTime.UtcNow;
        var start = now.AddHours(-1);
        var current = await api.CreateTemplateAsync($"{start:HH:mm}", $"{now.AddHours(1):HH:mm}", "UTC");
        var upcoming = await api.CreateTemplateAsync($"{now.AddHours(2):HH:mm}", $"{now.AddHours(3):HH:mm}", "UTC");
        (await api.AssignAsync(person, current.Id, DateOnly.FromDateTime(start))).EnsureSuccessStatusCode();
        (await api.AssignAsync(later, upcoming.Id, DateOnly.FromDateTime(now.AddHours(2)))).EnsureSuccessStatusCode();

        using var agentApi = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        var onNow = await agentApi.GetAsync<OnShiftView[]>("/api/v1/shifts/on-now");

        var entry = Assert.Single(onNow, o => o.UserId == person);
        Assert.Equal(current.Name, entry.TemplateName);
        Assert.Equal("offline", entry.Presence);
        Assert.Equal((0, 5), (entry.Load, entry.Capacity));
        Assert.DoesNotContain(onNow, o => o.UserId == later);
        var calendar = app.Services.GetRequiredService<ShiftCalendar>();
        Assert.Contains(person, await calendar.AgentsOnShiftAsync(DateTimeOffset.UtcNow));
        Assert.True(await calendar.NextShiftStartAsync(DateTimeOffset.UtcNow) <= new DateTimeOffset(now.AddHours(2)));
    }

    [Fact]
    public async Task An_agent_may_read_the_schedule_but_not_change_it_and_a_supervisor_may()
    {
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);
        using var supervisor = await app.CreateApiClientAsync("supervisor@portal.local");
        using var anonymous = app.CreateClient();
        var template = new { name = $"Perm {Guid.NewGuid():N}", start = "09:00", end = "17:00", timeZone = "UTC" };

        (await agent.GetAsync("/api/v1/shifts/schedule")).EnsureSuccessStatusCode();
        (await agent.GetAsync("/api/v1/shifts/templates")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostJsonAsync("/api/v1/shifts/templates", template)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostJsonAsync("/api/v1/shifts/copy-week", new { fromWeekStart = Monday, toWeekStart = Monday.AddDays(7) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.DeleteAsync($"/api/v1/shifts/assignments/{Guid.NewGuid()}")).StatusCode);
        await (await agent.GetAsync("/api/v1/shifts/settings")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/shifts/schedule")).StatusCode);

        var created = await (await supervisor.PostJsonAsync("/api/v1/shifts/templates", template)).ReadAsync<TemplateView>(HttpStatusCode.Created);
        using var renamed = await supervisor.PutJsonAsync($"/api/v1/shifts/templates/{created.Id}", template with { name = created.Name + " (late)", start = "10:00", end = "18:00" });
        Assert.Equal("10:00", (await renamed.ReadAsync<TemplateView>()).Start);
        (await supervisor.GetAsync("/api/v1/shifts/settings")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/v1/shifts/templates/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task Changing_a_templates_times_so_that_a_persons_shifts_would_overlap_is_refused()
    {
        using var api = await app.CreateApiClientAsync();
        var (person, _) = await app.CreatePersonAsync();
        var morning = await api.CreateTemplateAsync("08:00", "12:00");
        var afternoon = await api.CreateTemplateAsync("13:00", "17:00");
        (await api.AssignAsync(person, morning.Id, Monday.AddDays(42))).EnsureSuccessStatusCode();
        (await api.AssignAsync(person, afternoon.Id, Monday.AddDays(42))).EnsureSuccessStatusCode();

        using var response = await api.PutJsonAsync($"/api/v1/shifts/templates/{morning.Id}",
            new { name = morning.Name, start = "08:00", end = "14:00", timeZone = "Asia/Shanghai" });

        Assert.Contains("overlap", (await response.AssertValidationErrorAsync("end")).Single());
    }

    [Fact]
    public async Task Shift_settings_are_stored_and_a_bad_grace_period_is_refused()
    {
        using var api = await app.CreateApiClientAsync();

        using var bad = await api.PutJsonAsync("/api/v1/shifts/settings", new { restrictSignInToShifts = false, graceMinutes = -5 });
        using var good = await api.PutJsonAsync("/api/v1/shifts/settings", new { restrictSignInToShifts = false, graceMinutes = 20 });

        await bad.AssertValidationErrorAsync("graceMinutes");
        Assert.Equal(20, (await good.ReadAsync<ShiftSettings>()).GraceMinutes);
        Assert.Equal(20, (await api.GetAsync<ShiftSettings>("/api/v1/shifts/settings")).GraceMinutes);
        var audit = await api.GetAsync<System.Text.Json.JsonElement>("/api/v1/audit?action=settings.shifts.changed");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("after").GetString()!.Contains("\"graceMinutes\":20"));
        await api.PutJsonAsync("/api/v1/shifts/settings", new ShiftSettings());
    }
}
