using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Features.Shifts;

/// <summary>
/// <c>/admin/shifts</c>: who is on now, the week's schedule grid, templates, holidays and leave, and the sign-in
/// window switch. Presence changes refresh "who is on now" live.
/// </summary>
public sealed partial class ShiftsPage
{
    private IReadOnlyList<ShiftTemplateDto> _templates = [];
    private ScheduleDto? _schedule;
    private IReadOnlyList<OnShiftAgent> _onNow = [];
    private ShiftSettings _settings = new();
    private DateOnly _week;
    private IDisposable? _subscription;

    [Inject] private Portal.Features.Audit.CircuitActor Actor { get; set; } = default!;
    [Inject] private ShiftTemplates Templates { get; set; } = default!;
    [Inject] private ShiftSchedule Schedule { get; set; } = default!;
    [Inject] private AgentRoster Roster { get; set; } = default!;
    [Inject] private ShiftSettingsStore Settings { get; set; } = default!;
    [Inject] private PresenceNotifier Presence { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _settings = await Settings.GetAsync();
        _templates = await Templates.ListAsync();
        _week = ThisWeek();
        await ReloadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            _subscription = Presence.Subscribe(_ => InvokeAsync(async () =>
            {
                _onNow = await Roster.OnNowAsync(Clock.GetUtcNow());
                StateHasChanged();
            }));
    }

    /// <summary>The week as the shop's shifts count it: in the first template's time zone, else UTC.</summary>
    private DateOnly ThisWeek()
    {
        var zone = _templates.Count > 0 ? TimeZoneInfo.FindSystemTimeZoneById(_templates[0].TimeZone) : TimeZoneInfo.Utc;
        return ShiftTimes.WeekStart(ShiftTimes.LocalDate(Clock.GetUtcNow(), zone));
    }

    private async Task ReloadAsync()
    {
        _schedule = await Schedule.ReadAsync(_week, _week.AddDays(6));
        _onNow = await Roster.OnNowAsync(Clock.GetUtcNow());
    }

    private async Task ShowWeekAsync(DateOnly week)
    {
        _week = week;
        await ReloadAsync();
    }

    private Task AssignAsync((string UserId, Guid TemplateId, DateOnly Date) pick) =>
        ChangeAsync(() => Schedule.AssignAsync(pick.UserId, pick.TemplateId, pick.Date));

    private Task UnassignAsync(Guid id) => ChangeAsync(() => Schedule.UnassignAsync(id));

    private Task FillWeekAsync((string UserId, Guid TemplateId) pick) =>
        ChangeAsync(async () => Report(await Schedule.FillWeekAsync(pick.UserId, pick.TemplateId, _week), "Filled"));

    private Task CopyPreviousWeekAsync() =>
        ChangeAsync(async () => Report(await Schedule.CopyWeekAsync(_week.AddDays(-7), _week), "Copied"));

    private Task AddExceptionAsync((DateOnly Date, string? UserId, string Note) exception) =>
        ChangeAsync(() => Schedule.AddExceptionAsync(exception.Date, exception.UserId, exception.Note));

    private Task RemoveExceptionAsync(Guid id) => ChangeAsync(() => Schedule.RemoveExceptionAsync(id));

    private async Task EditTemplateAsync(ShiftTemplateDto? template)
    {
        var parameters = new DialogParameters<ShiftTemplateDialog> { { d => d.Template, template } };
        var dialog = await Dialogs.ShowAsync<ShiftTemplateDialog>(template is null ? "New shift template" : $"Edit {template.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false })
        {
            _templates = await Templates.ListAsync();
            await ReloadAsync();
        }
    }

    private async Task DeleteTemplateAsync(ShiftTemplateDto template)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete template",
            $"Delete \"{template.Name}\" and take everyone off it on every date?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        var actor = await Actor.GetAsync();
        await ChangeAsync(() => Templates.DeleteAsync(template.Id, actor));
        _templates = await Templates.ListAsync();
    }

    private async Task SetRestrictionAsync(bool on) => await SaveSettingsAsync(_settings with { RestrictSignInToShifts = on });

    private async Task SetGraceAsync(int minutes) => await SaveSettingsAsync(_settings with { GraceMinutes = minutes });

    private async Task SaveSettingsAsync(ShiftSettings settings)
    {
        try
        {
            _settings = await Settings.SaveAsync(settings, await Actor.GetAsync());
        }
        catch (ShiftRejectedException rejected)
        {
            Snackbar.Add(rejected.Message, Severity.Error);
        }
    }

    /// <summary>Runs a schedule change and reloads; a broken rule is shown, not thrown.</summary>
    private async Task ChangeAsync(Func<Task> change)
    {
        try
        {
            await change();
        }
        catch (Exception ex) when (ex is ShiftRejectedException or ShiftNotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await ReloadAsync();
    }

    private void Report(ScheduleChange change, string verb) =>
        Snackbar.Add($"{verb} {change.Added} shift{(change.Added == 1 ? "" : "s")}" + (change.Skipped > 0 ? $", skipped {change.Skipped} already there or clashing." : "."),
            change.Added > 0 ? Severity.Success : Severity.Info);

    private static string Weekdays(IReadOnlyList<DayOfWeek> days) =>
        days.Count == 7 ? "Every day" : days.Count == 0 ? "—" : string.Join(" ", days.OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString()[..2]));

    public void Dispose() => _subscription?.Dispose();
}
