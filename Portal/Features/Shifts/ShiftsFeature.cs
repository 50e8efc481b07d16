namespace Portal.Features.Shifts;

public static class ShiftsFeature
{
    public static WebApplicationBuilder AddShifts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ShiftCalendar>();
        services.AddSingleton<ShiftTemplates>();
        services.AddSingleton<ShiftSchedule>();
        services.AddSingleton<ShiftSettingsStore>();
        services.AddSingleton<SignInWindow>();
        services.AddSingleton<AgentRoster>();
        return builder;
    }
}
