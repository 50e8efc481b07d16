namespace Portal.Features.Widget;

/// <summary>The shop page the customer is on, reported by the widget on every connect.</summary>
public sealed record PageView(string? Url, string? Title, string? Referrer, string? TimeZone, string? Locale);
