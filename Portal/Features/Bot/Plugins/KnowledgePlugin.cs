using System.ComponentModel;
using Microsoft.SemanticKernel;
using Portal.Features.Knowledge;

namespace Portal.Features.Bot.Plugins;

/// <summary>The shop's FAQ for the LLM.</summary>
public sealed class KnowledgePlugin(Guid siteId, string locale, KnowledgeSearch knowledge)
{
    [KernelFunction("search_knowledge"), Description("Search the shop's FAQ articles for the answer to a shopper's question.")]
    public async Task<string> SearchAsync([Description("The question, in the shopper's words")] string question, CancellationToken cancellationToken)
    {
        var hits = string.IsNullOrWhiteSpace(question) ? [] : await knowledge.SearchAsync(siteId, question, locale, take: 3, cancellationToken);
        return OrdersPlugin.Json(hits.Select(h => new { h.Title, h.Body }));
    }
}
