using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Team;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Shifts;

public sealed record TemplateView(Guid Id, string Name, string Start, string End, string[] Weekdays, string TimeZone, string Color, bool CrossesMidnight);

public sealed record AssignmentView(Guid Id, string UserId, string UserName, Guid TemplateId, string TemplateName, string Color, DateOnly Date,
    DateTime Start, DateTime End, bool IsOff);

public sealed record ExceptionView(Guid Id, DateOnly Date, string? UserId, string? UserName, string Kind, string Note);

public sealed record ScheduleView(DateOnly From, DateOnly To, AssignmentView[] Assignments, ExceptionView[] Exceptions);

public sealed record ChangeView(int Added, int Skipped);

public sealed record OnShiftView(string UserId, string Name, string TemplateName, DateTime ShiftStart, DateTime ShiftEnd, string Presence, int Load, int Capacity);

/// <summary>People and templates of a test's own, so tests never share a schedule.</summary>
public static class ShiftTestData
{
    public const string Password = "Shift-Test-Pa55";

    public static async Task<(string Id, string Email)> CreatePersonAsync(this PortalAppFactory app, string role = BuiltInRoles.Agent)
    {
        var email = $"shift-{Guid.NewGuid():N}@portal.local";
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<AccountSeeder>().CreateAsync(email, $"Test {email[6..12]}", Password, role);
        return (user.Id, email);
    }

    public static async Task DeactivateAsync(this PortalAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        user!.IsActive = false;
        await users.UpdateAsync(user);
    }

    public static async Task<TemplateView> CreateTemplateAsync(this HttpClient api, string start, string end,
        string timeZone = "Asia/Shanghai", string[]? weekdays = null)
    {
        using var response = await api.PostJsonAsync("/api/v1/shifts/templates",
            new { name = $"Shift {Guid.NewGuid():N}", start, end, timeZone, weekdays = weekdays ?? [] });
        return await response.ReadAsync<TemplateView>(System.Net.HttpStatusCode.Created);
    }

    /// <summary>Puts people on a shift that started an hour ago and lasts six hours (UTC), so they are on shift now.</summary>
    public static async Task PutOnShiftNowAsync(this HttpClient admin, IReadOnlyList<string> userIds)
    {
        var start = DateTime.UtcNow.AddHours(-1);
        var template = await admin.CreateTemplateAsync($"{start:HH:mm}", $"{start.AddHours(6):HH:mm}", timeZone: "Etc/UTC");
        foreach (var userId in userIds)
            (await admin.AssignAsync(userId, template.Id, DateOnly.FromDateTime(start))).EnsureSuccessStatusCode();
    }

    public static Task<HttpResponseMessage> AssignAsync(this HttpClient api, string userId, Guid templateId, DateOnly date) =>
        api.PostJsonAsync("/api/v1/shifts/assignments", new { userId, templateId, date });

    public static Task<ScheduleView> ScheduleAsync(this HttpClient api, DateOnly from, DateOnly to) =>
        api.GetAsync<ScheduleView>($"/api/v1/shifts/schedule?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient api, string url, object body) =>
        api.PutAsJsonAsync(url, body, Json.Options);
}
