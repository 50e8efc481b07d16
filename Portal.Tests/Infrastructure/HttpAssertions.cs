using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Infrastructure;

public static class HttpAssertions
{
    /// <summary>Asserts an RFC 9457 problem response with this status and a title; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), "The problem has no title.");
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> map names <paramref name="field"/>; returns its messages.</summary>
    public static async Task<string[]> AssertValidationErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"The problem has no errors map: {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"The errors map does not name {field}: {errors}");
        var texts = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(texts);
        return texts;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json.Options)!;
    }

    public static async Task<T> GetAsync<T>(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.ReadAsync<T>();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json.Options);

    /// <summary>Posts a raw body as <c>application/json</c>, for bodies that are not valid JSON on purpose.</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
}
