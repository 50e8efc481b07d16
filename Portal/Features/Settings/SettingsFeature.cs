namespace Portal.Features.Settings;

public static class SettingsFeature
{
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SettingsStore>();
        return builder;
    }
}
