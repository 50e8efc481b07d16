namespace Portal.Features.Widget;

public static class WidgetFeature
{
    public static WebApplicationBuilder AddWidget(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WidgetOptions>().BindConfiguration("Portal:Widget").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<VisitorTokens>();
        builder.Services.AddSingleton<IdentityVerification>();
        return builder;
    }
}
