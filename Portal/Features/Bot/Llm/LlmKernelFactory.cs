using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.SemanticKernel;
using Polly;

namespace Portal.Features.Bot.Llm;

/// <summary>
/// Builds a <see cref="Kernel"/> whose chat completion service is the configured LLM (Semantic Kernel's OpenAI or Azure
/// OpenAI connector), talking through the <see cref="HttpClientName"/> client: a circuit breaker per LLM host, a per-request
/// timeout, and no retries — a retry would blow the reply deadline, which <see cref="LlmChat.CompleteAsync"/> enforces.
/// The kernel has no plugins; the caller adds its own (<c>kernel.Plugins.AddFromObject(...)</c>).
/// </summary>
public sealed class LlmKernelFactory(IHttpClientFactory httpClients, ILoggerFactory loggerFactory)
{
    public const string HttpClientName = "portal-llm";

    /// <summary>How long the breaker stays open: calls fail at once (<see cref="LlmFailure.CircuitOpen"/>) for this long.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    /// <summary>The longest one HTTP request may take, whatever the reply deadline; the test connection and very slow models stay bounded.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A kernel for one reply or one test; cheap, so make one per use with the current settings.</summary>
    public Kernel Create(LlmSettings settings)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggerFactory);
        var http = httpClients.CreateClient(HttpClientName);
        if (settings.Provider == LlmProvider.AzureOpenAI)
            builder.AddAzureOpenAIChatCompletion(settings.Model, settings.BaseUrl, settings.ApiKey ?? "", httpClient: http);
        else
        {
            // Local servers (Ollama, vLLM) need no key; the OpenAI client insists on one, and an unused blank one is harmless.
            builder.AddOpenAIChatCompletion(settings.Model, new Uri(settings.BaseUrl), string.IsNullOrEmpty(settings.ApiKey) ? " " : settings.ApiKey, httpClient: http);
        }
        return builder.Build();
    }

    internal static void AddLlmHttpClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, http =>
            {
                // The resilience pipeline's timeout bounds each request; HttpClient's own would only add a second, longer one.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            .AddResilienceHandler("llm", ConfigureResilience)
            // One breaker per LLM host: a dead local Ollama does not block a working cloud endpoint configured next.
            .SelectPipelineByAuthority();

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            // Three calls in 30 s, at least half failed (5xx, 408, 429, no connection, timed out): stop calling for a while,
            // so a dead or overloaded LLM costs the bot nothing and the embedded model answers at once.
            MinimumThroughput = 3,
            FailureRatio = 0.5,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = BreakDuration,
            // A request the reply deadline cancelled counts too: an LLM that is always too slow is as useless as a dead one.
            ShouldHandle = args => ValueTask.FromResult(
                HttpClientResiliencePredicates.IsTransient(args.Outcome) || args.Outcome.Exception is OperationCanceledException),
        });
        pipeline.AddTimeout(RequestTimeout);
    }
}
