using System.Net.Http.Json;

namespace Portal.LoadGen;

/// <summary>A widget session as the shop's page opens one (<c>POST /api/v1/widget/sessions</c>, SPEC §4.3).</summary>
public sealed record WidgetSession(string VisitorToken, Guid ConversationId)
{
    /// <summary>Opens a session for a new visitor of <paramref name="siteKey"/>; throws <see cref="HttpRequestException"/> (with the status) when refused.</summary>
    public static async Task<WidgetSession> StartAsync(HttpClient http, string siteKey, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/widget/sessions", new { siteKey }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WidgetSession>(ct))!;
    }
}
