namespace Portal.Features.Bot.Llm;

/// <summary>Where well-known LLM services are, so an admin does not have to look up their base URLs.</summary>
public sealed record LlmPreset(string Name, LlmProvider Provider, string BaseUrl, string Model)
{
    public static readonly IReadOnlyList<LlmPreset> All =
    [
        new("OpenAI", LlmProvider.OpenAICompatible, "https://api.openai.com/v1", "gpt-4o-mini"),
        new("Azure OpenAI", LlmProvider.AzureOpenAI, "https://YOUR-RESOURCE.openai.azure.com", ""),
        new("Ollama", LlmProvider.OpenAICompatible, "http://localhost:11434/v1", "qwen2.5:7b"),
        new("vLLM", LlmProvider.OpenAICompatible, "http://localhost:8000/v1", ""),
        new("DeepSeek", LlmProvider.OpenAICompatible, "https://api.deepseek.com/v1", "deepseek-chat"),
        new("Qwen (DashScope)", LlmProvider.OpenAICompatible, "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus"),
    ];
}
