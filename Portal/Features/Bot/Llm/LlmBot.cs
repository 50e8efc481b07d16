using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Bot.Plugins;
using Portal.Features.Catalog;
using Portal.Features.Conversations;
using Portal.Features.Knowledge;
using Portal.Features.Orders;

namespace Portal.Features.Bot.Llm;

/// <summary>
/// The bot with an LLM: a kernel per reply with the shop's read-only plugins (orders, policy, products, knowledge) and
/// the handover, the persona, what the bot remembers, and the conversation's latest messages.
/// </summary>
public sealed class LlmBot(LlmKernelFactory kernels, ConversationMessages messages, OrderQueries orders, KnowledgeSearch knowledge, ProductCatalog products)
{
    public const string Engine = "llm";

    /// <exception cref="LlmReplyException">No usable answer in time; the caller falls back to the embedded bot.</exception>
    public async Task<BotReply> ReplyAsync(BotTurn turn, BotMemory memory, LlmSettings settings, CancellationToken cancellationToken)
    {
        var kernel = kernels.Create(settings);
        var handover = new HandoverPlugin();
        kernel.Plugins.AddFromObject(new OrdersPlugin(turn.SiteId, memory, orders), "orders");
        kernel.Plugins.AddFromObject(new PolicyPlugin(turn.SiteId, memory.Locale, knowledge), "policy");
        kernel.Plugins.AddFromObject(new ProductsPlugin(turn.SiteId, products), "products");
        kernel.Plugins.AddFromObject(new KnowledgePlugin(turn.SiteId, memory.Locale, knowledge), "knowledge");
        kernel.Plugins.AddFromObject(handover, "handover");

        var history = LlmChat.StartHistory(settings with { Persona = settings.Persona + Context(turn, memory) },
            await HistoryAsync(turn, settings.MaxHistoryMessages, cancellationToken));
        var text = await LlmChat.CompleteAsync(kernel, history, settings, cancellationToken);
        return new BotReply(text, handover.Reason is null ? null : HandoverReasons.Assistant, Engine);
    }

    private static string Context(BotTurn turn, BotMemory memory)
    {
        var language = memory.Locale switch
        {
            ReplyLocales.Traditional => "Traditional Chinese",
            ReplyLocales.English => "English",
            _ => "Simplified Chinese",
        };
        var known = memory.OrderNumber is { } order ? $" The shopper's order number from earlier in this conversation: {order}." : "";
        return $"\n\nThe shop is \"{turn.ShopName}\". The shopper writes {language}; answer in {language}.{known}";
    }

    /// <summary>The conversation up to and including the customer's message, oldest first; notes and system messages left out.</summary>
    private async Task<IEnumerable<ChatMessageContent>> HistoryAsync(BotTurn turn, int count, CancellationToken cancellationToken)
    {
        var recent = await messages.HistoryAsync(turn.ConversationId, Math.Max(0, turn.Seq - count * 2), includePrivate: false,
            limit: count * 2, cancellationToken);
        return recent
            .Where(m => m.Seq <= turn.Seq && m.Author != MessageAuthor.System)
            .Select(m => new ChatMessageContent(m.Author == MessageAuthor.Customer ? AuthorRole.User : AuthorRole.Assistant, m.Text));
    }
}
