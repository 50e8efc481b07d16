namespace Portal.Features.Monitoring.Dashboard;

/// <summary>A span of recent time the live dashboard shows: 15 minutes, one hour or 24 hours.</summary>
public sealed record DashboardRange(string Key, string Label, TimeSpan Length)
{
    public static readonly DashboardRange FifteenMinutes = new("15m", "15 min", TimeSpan.FromMinutes(15));
    public static readonly DashboardRange OneHour = new("1h", "1 h", TimeSpan.FromHours(1));
    public static readonly DashboardRange OneDay = new("24h", "24 h", TimeSpan.FromHours(24));

    public static IReadOnlyList<DashboardRange> All { get; } = [FifteenMinutes, OneHour, OneDay];

    public static DashboardRange? Find(string? key) => All.FirstOrDefault(r => string.Equals(r.Key, key, StringComparison.OrdinalIgnoreCase));
}
