using System.ComponentModel;
using Microsoft.SemanticKernel;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Knowledge;

namespace Portal.Features.Bot.Plugins;

/// <summary>The shop's policies for the LLM: its own knowledge-base article on the topic, or the bot's shipped wording.</summary>
public sealed class PolicyPlugin(Guid siteId, string locale, KnowledgeSearch knowledge)
{
    private static readonly string[] Topics =
        [Intents.ShippingTime, Intents.ReturnRefund, Intents.Exchange, Intents.Payment, Intents.Invoice, Intents.Promotion, Intents.CancelOrder, Intents.ChangeAddress];

    [KernelFunction("get_policy"), Description("The shop's policy on one topic.")]
    public async Task<string> GetPolicyAsync(
        [Description("One of: shipping_time, return_refund, exchange, payment, invoice, promotion, cancel_order, change_address")] string topic,
        CancellationToken cancellationToken)
    {
        if (!Topics.Contains(topic))
            return OrdersPlugin.Json(new { Error = $"Unknown topic {topic}.", Topics });
        if (await knowledge.ForIntentAsync(siteId, topic, locale, cancellationToken) is { } article)
            return OrdersPlugin.Json(new { article.Title, Policy = article.Body });
        return ReplyTemplates.Has(topic)
            ? OrdersPlugin.Json(new { Policy = ReplyTemplates.Render(topic, locale) })
            : OrdersPlugin.Json(new { Policy = "The shop has no written policy on this; offer a human colleague." });
    }
}
