using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Reports;

[Collection(ApiCollection.Name)]
public sealed class ReportsApiTests(PortalAppFactory app)
{
    [Theory]
    [InlineData("from=2026-11-20&to=2026-11-01", "from")]
    [InlineData("from=2025-01-01&to=2026-06-30", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("groupBy=month", "groupBy")]
    [InlineData("groupBy=1", "groupBy")]
    [InlineData("by=colour", "by")]
    public async Task A_report_with_a_bad_range_or_an_unknown_grouping_is_refused_with_a_validation_problem(string query, string field)
    {
        using var admin = await app.CreateApiClientAsync();

        using var report = await admin.GetAsync($"/api/v1/reports?{query}");
        using var export = await admin.GetAsync($"/api/v1/reports/export.csv?{query}");

        await report.AssertValidationErrorAsync(field);
        await export.AssertValidationErrorAsync(field);
    }

    [Fact]
    public async Task A_whole_year_is_the_longest_report()
    {
        using var admin = await app.CreateApiClientAsync();

        var report = await admin.GetAsync<ReportAnswer>("/api/v1/reports?from=2025-01-01&to=2026-01-01&groupBy=week");

        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1), "week", "none"), (report.From, report.To, report.GroupBy, report.By));
    }

    [Fact]
    public async Task An_agent_without_reports_view_can_neither_see_nor_export_nor_refresh_reports()
    {
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);

        using var report = await agent.GetAsync("/api/v1/reports");
        using var export = await agent.GetAsync("/api/v1/reports/export.csv");
        using var refresh = await agent.PostAsync("/api/v1/reports/refresh", null);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [report.StatusCode, export.StatusCode, refresh.StatusCode]);
    }

    [Fact]
    public async Task The_csv_export_has_a_header_and_one_line_per_row_of_the_report()
    {
        // The demo's two weeks of history, rolled up (the job also runs at start, but maybe not yet).
        await app.Services.GetRequiredService<ReportRollups>().CatchUpAsync();
        using var admin = await app.CreateApiClientAsync();
        var report = await admin.GetAsync<ReportAnswer>("/api/v1/reports?groupBy=day&by=agent");

        using var response = await admin.GetAsync("/api/v1/reports/export.csv?groupBy=day&by=agent");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("period,group,conversations,messages,waitedForAgent,firstResponded,firstResponseMedianSeconds", lines[0]);
        Assert.Equal(report.Rows.Length, lines.Length - 1);
        Assert.NotEmpty(report.Rows);
    }

    [Fact]
    public async Task An_admin_refreshes_the_figures_and_sees_a_later_as_of_time()
    {
        using var admin = await app.CreateApiClientAsync();
        var before = (await admin.GetAsync<ReportAnswer>("/api/v1/reports")).AsOf;

        using var refresh = await admin.PostAsync("/api/v1/reports/refresh", null);

        Assert.Equal(HttpStatusCode.Accepted, refresh.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        DateTime? after;
        do
        {
            await Task.Delay(200);
            after = (await admin.GetAsync<ReportAnswer>("/api/v1/reports")).AsOf;
        }
        while (after == before && DateTime.UtcNow < deadline);
        Assert.True(after > (before ?? DateTime.MinValue), $"The figures stayed as of {before}.");
    }
}
