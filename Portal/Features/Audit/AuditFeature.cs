using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Features.Audit;

public static class AuditFeature
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditQueries>();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitActor>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitActorHandler>());
        return builder;
    }
}
