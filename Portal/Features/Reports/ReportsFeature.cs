namespace Portal.Features.Reports;

public static class ReportsFeature
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportRollups>();
        builder.Services.AddSingleton<ReportQueries>();
        builder.Services.AddTransient<RollUpReportsJob>();
        return builder;
    }
}
