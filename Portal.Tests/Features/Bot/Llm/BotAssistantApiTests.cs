using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Bot.Llm;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Llm;

/// <summary>
/// <c>/api/v1/bot/assistant</c>. Every URL saved here is on loopback, and the LLM stays disabled,
/// so no other test of this app ever talks to an LLM because of these.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BotAssistantApiTests(PortalAppFactory app)
{
    private const string Assistant = "/api/v1/bot/assistant";

    [Fact]
    public async Task The_api_key_is_stored_encrypted_and_never_shown_again_neither_by_the_api_nor_in_the_audit_log()
    {
        using var api = await app.CreateApiClientAsync();
        var secret = $"sk-secret-{Guid.NewGuid():N}";

        using var saved = await api.PutAsync(Assistant, Json(Input(apiKey: secret)));
        var savedBody = await saved.Content.ReadAsStringAsync();
        var read = await api.GetStringAsync(Assistant);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.DoesNotContain(secret, savedBody);
        Assert.DoesNotContain(secret, read);
        var settings = JsonDocument.Parse(read).RootElement;
        Assert.True(settings.GetProperty("hasApiKey").GetBoolean());
        Assert.False(settings.TryGetProperty("apiKey", out _));
        Assert.Equal("qwen2.5:7b", settings.GetProperty("model").GetString());
        Assert.Equal(0.7, settings.GetProperty("temperature").GetDouble());
        Assert.Equal(12, settings.GetProperty("maxHistoryMessages").GetInt32());
        var row = await RawSettingsRowAsync();
        Assert.DoesNotContain(secret, row);
        Assert.Contains("protectedApiKey", row);
        Assert.Equal(secret, (await Store.GetAsync()).ApiKey);
        var audit = await api.GetStringAsync("/api/v1/audit/export.csv");
        Assert.Contains("settings.bot.llm.changed", audit);
        Assert.DoesNotContain(secret, audit);
    }

    [Fact]
    public async Task An_empty_key_field_keeps_the_stored_key_and_clearing_removes_it()
    {
        using var api = await app.CreateApiClientAsync();
        var secret = $"sk-kept-{Guid.NewGuid():N}";
        (await api.PutAsync(Assistant, Json(Input(apiKey: secret)))).EnsureSuccessStatusCode();

        (await api.PutAsync(Assistant, Json(Input(apiKey: "", model: "llama3.1")))).EnsureSuccessStatusCode();
        var kept = await Store.GetAsync();
        (await api.PutAsync(Assistant, Json(Input(clearApiKey: true)))).EnsureSuccessStatusCode();
        var cleared = await api.GetAsync<JsonElement>(Assistant);

        Assert.Equal((secret, "llama3.1"), (kept.ApiKey, kept.Model));
        Assert.False(cleared.GetProperty("hasApiKey").GetBoolean());
        Assert.Null((await Store.GetAsync()).ApiKey);
    }

    [Theory]
    [InlineData("baseUrl", "127.0.0.1:11434/v1", "m", 0.2, 8, 20)]
    [InlineData("baseUrl", "ftp://127.0.0.1/v1", "m", 0.2, 8, 20)]
    [InlineData("model", "http://127.0.0.1:11434/v1", "", 0.2, 8, 20)]
    [InlineData("temperature", "http://127.0.0.1:11434/v1", "m", 2.5, 8, 20)]
    [InlineData("timeoutSeconds", "http://127.0.0.1:11434/v1", "m", 0.2, 0, 20)]
    [InlineData("maxHistoryMessages", "http://127.0.0.1:11434/v1", "m", 0.2, 8, 0)]
    public async Task Settings_out_of_bounds_are_a_validation_problem_and_are_not_saved(
        string field, string baseUrl, string model, double temperature, int timeoutSeconds, int maxHistoryMessages)
    {
        using var api = await app.CreateApiClientAsync();
        var before = await api.GetStringAsync(Assistant);

        using var response = await api.PutAsync(Assistant, Json(new
        {
            enabled = true, provider = "openAICompatible", baseUrl, model, temperature, timeoutSeconds, maxHistoryMessages,
        }));

        await response.AssertValidationErrorAsync(field);
        Assert.Equal(before, await api.GetStringAsync(Assistant));
    }

    [Fact]
    public async Task Test_connection_reports_the_model_and_its_latency_when_the_llm_answers()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        using var api = await app.CreateApiClientAsync();

        var result = await TestAsync(api, Input(baseUrl: llm.BaseUrl, model: FakeOpenAiServer.ModelName));

        Assert.True(result.Ok, result.Message);
        Assert.Equal(FakeOpenAiServer.ModelName, result.Model);
        Assert.InRange(result.LatencyMs, 0, 5000);
        Assert.Single(llm.Requests);
    }

    [Fact]
    public async Task Test_connection_reaches_an_azure_openai_deployment_with_the_key_in_its_header()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.RequiredApiKey = $"azure-{Guid.NewGuid():N}";
        using var api = await app.CreateApiClientAsync();

        var result = await TestAsync(api, new
        {
            enabled = false, provider = "azureOpenAI", baseUrl = llm.Root, model = "shop-gpt4o", apiKey = llm.RequiredApiKey,
            temperature = 0.2, timeoutSeconds = 5, maxHistoryMessages = 20,
        });

        Assert.True(result.Ok, result.Message);
        var request = llm.Requests.Single();
        Assert.Equal("/openai/deployments/shop-gpt4o/chat/completions", request.Path);
        Assert.Equal(llm.RequiredApiKey, request.ApiKeyHeader);
    }

    [Fact]
    public async Task Test_connection_without_a_body_tests_the_saved_settings_with_the_stored_key()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.RequiredApiKey = $"sk-{Guid.NewGuid():N}";
        using var api = await app.CreateApiClientAsync();
        (await api.PutAsync(Assistant, Json(Input(baseUrl: llm.BaseUrl, model: FakeOpenAiServer.ModelName, apiKey: llm.RequiredApiKey)))).EnsureSuccessStatusCode();

        using var response = await api.PostAsync($"{Assistant}/test", null);
        var result = await response.ReadAsync<LlmConnectionResult>();

        Assert.True(result.Ok, result.Message);
        Assert.Equal($"Bearer {llm.RequiredApiKey}", llm.Requests.Single().Authorization);
    }

    [Fact]
    public async Task Test_connection_explains_a_refused_key_a_wrong_url_a_non_json_answer_and_a_slow_server()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.RequiredApiKey = "sk-right";
        using var api = await app.CreateApiClientAsync();

        var badKey = await TestAsync(api, Input(baseUrl: llm.BaseUrl, apiKey: "sk-wrong"));
        var wrongUrl = await TestAsync(api, Input(baseUrl: llm.BaseUrl.Replace("/v1", "/api"), apiKey: "sk-right"));
        llm.Enqueue(FakeOpenAiReply.Garbage());
        var notJson = await TestAsync(api, Input(baseUrl: llm.BaseUrl, apiKey: "sk-right"));
        llm.Enqueue(FakeOpenAiReply.Text("OK").After(TimeSpan.FromSeconds(10)));
        var slow = await TestAsync(api, Input(baseUrl: llm.BaseUrl, apiKey: "sk-right", timeoutSeconds: 1));

        Assert.False(badKey.Ok);
        Assert.Contains("refused the API key (401)", badKey.Message);
        Assert.False(wrongUrl.Ok);
        Assert.Contains("Not found (404)", wrongUrl.Message);
        Assert.False(notJson.Ok);
        Assert.Contains("not an OpenAI-compatible chat completion", notJson.Message);
        Assert.False(slow.Ok);
        Assert.Equal("The LLM did not answer within 1 seconds.", slow.Message);
        // Gave up at the deadline instead of waiting the server's 10 s (how close to it is LlmChatTests' concern).
        Assert.InRange(slow.LatencyMs, 950, 5000);
    }

    [Fact]
    public async Task Test_connection_says_the_connection_was_refused_when_nothing_listens()
    {
        var llm = await FakeOpenAiServer.StartAsync();
        var deadUrl = llm.BaseUrl;
        await llm.DisposeAsync();
        using var api = await app.CreateApiClientAsync();

        var result = await TestAsync(api, Input(baseUrl: deadUrl));

        Assert.False(result.Ok);
        Assert.StartsWith("Connection refused by 127.0.0.1:", result.Message);
    }

    private LlmSettingsStore Store => app.Services.GetRequiredService<LlmSettingsStore>();

    private static object Input(string baseUrl = "http://127.0.0.1:11434/v1", string model = "qwen2.5:7b", string? apiKey = null,
        bool clearApiKey = false, int timeoutSeconds = 6) => new
    {
        enabled = false, provider = "openAICompatible", baseUrl, model, apiKey, clearApiKey,
        persona = "You help the shoppers of a test shop.", temperature = 0.7, timeoutSeconds, maxHistoryMessages = 12,
    };

    private static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body, Infrastructure.Json.Options), System.Text.Encoding.UTF8, "application/json");

    private static async Task<LlmConnectionResult> TestAsync(HttpClient api, object input)
    {
        using var response = await api.PostAsync($"{Assistant}/test", Json(input));
        return await response.ReadAsync<LlmConnectionResult>();
    }

    private async Task<string> RawSettingsRowAsync()
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "portal.db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT Json FROM Settings WHERE Key = 'bot.llm'";
        return (string)(await query.ExecuteScalarAsync())!;
    }
}
