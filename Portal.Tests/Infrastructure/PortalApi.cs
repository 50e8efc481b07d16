namespace Portal.Tests.Infrastructure;

/// <summary>The REST calls the tests make most, on a client from <see cref="PortalAppFactory.CreateApiClient"/>.</summary>
public static class PortalApi
{
    /// <summary>
    /// Lists conversations with a filter such as <c>"?status=open"</c>. Asks for the largest page: tests add
    /// conversations of their own, which would otherwise push the older seeded ones off the default page of 100.
    /// </summary>
    public static Task<ConversationSummary[]> ConversationsAsync(this HttpClient api, string query = "") =>
        api.GetAsync<ConversationSummary[]>($"/api/v1/conversations{(query == "" ? "?" : query + "&")}limit=500");

    public static Task<ConversationSummary> ConversationAsync(this HttpClient api, Guid id) =>
        api.GetAsync<ConversationSummary>($"/api/v1/conversations/{id}");

    public static Task<ChatMessage[]> MessagesAsync(this HttpClient api, Guid conversationId, long afterSeq = 0) =>
        api.GetAsync<ChatMessage[]>($"/api/v1/conversations/{conversationId}/messages?afterSeq={afterSeq}");

    public static Task<HttpResponseMessage> PostMessageAsync(
        this HttpClient api, Guid conversationId, string? text, string? clientMessageId = null, bool isPrivate = false) =>
        api.PostJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text, clientMessageId, @private = isPrivate });

    /// <summary>The id of the seeded demo shop (site key <see cref="PortalAppFactory.DemoSiteKey"/>).</summary>
    public static async Task<Guid> DemoSiteIdAsync(this HttpClient api) =>
        (await api.GetAsync<SiteSummary[]>("/api/v1/sites")).Single(s => s.SiteKey == PortalAppFactory.DemoSiteKey).Id;
}
