using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Features.Conversations;

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

        services.AddOptions<PresenceOptions>().BindConfiguration("Portal:Presence").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PresenceNotifier>();
        services.AddSingleton<AgentPresence>();
        services.AddSingleton<AgentPresenceHubFilter>();
        services.AddSignalR().AddHubOptions<AgentHub>(hub => hub.AddFilter<AgentPresenceHubFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, PresenceCircuitHandler>());
        services.AddTransient<MarkIdleAgentsAwayJob>();
        return builder;
    }
}
