namespace Portal.Features.Team;

public static class TeamFeature
{
    public static WebApplicationBuilder AddTeam(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountSeeder>();
        builder.Services.AddSingleton<StaffSessions>();
        builder.Services.AddSingleton<RoleAdministration>();
        builder.Services.AddSingleton<PeopleAdministration>();
        return builder;
    }
}
