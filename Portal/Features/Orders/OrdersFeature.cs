namespace Portal.Features.Orders;

public static class OrdersFeature
{
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<OrderEvents>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<OrderActions>();
        services.AddSingleton<OrderSync>();
        return builder;
    }
}
