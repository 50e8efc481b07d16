namespace Portal.Tests.Infrastructure;

/// <summary>An app's <c>/metrics</c>, parsed.</summary>
public static class MetricsPage
{
    public static async Task<PrometheusText> ScrapeAsync(PortalAppFactory app)
    {
        using var client = app.CreateClient();
        return PrometheusText.Parse(await client.GetStringAsync("/metrics"));
    }

    /// <summary>
    /// Scrapes until <paramref name="reached"/> holds and returns that page, or the last one after 10 s. The exporter answers
    /// from a response it caches for a moment, so a change shows up a little after it happened.
    /// </summary>
    public static async Task<PrometheusText> WaitForAsync(PortalAppFactory app, Func<PrometheusText, bool> reached)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var page = await ScrapeAsync(app);
            if (reached(page) || DateTime.UtcNow > deadline)
                return page;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
