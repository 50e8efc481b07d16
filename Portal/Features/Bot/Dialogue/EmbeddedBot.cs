using Portal.Features.Bot.Tools;
using Portal.Features.Bot.Understanding;
using Portal.Features.Catalog;
using Portal.Features.Knowledge;
using Portal.Features.Orders;

namespace Portal.Features.Bot.Dialogue;

/// <summary>
/// The offline bot: the local intent model, entities and memory decide the step (<see cref="DialoguePolicy"/>), the shop's
/// orders and knowledge fill in the answer, the reply templates word it in the customer's script. No network, no LLM.
/// </summary>
public sealed class EmbeddedBot(OrderQueries orders, KnowledgeSearch knowledge, ProductCatalog products)
{
    public const string Engine = "embedded";

    /// <summary>
    /// A knowledge-base score this high answers a message the intent model did not understand: the shop's own FAQ
    /// covers questions outside the 14 intents (opening hours, care labels…). Lower scores share a word and little else.
    /// </summary>
    private const double StrongArticleMatch = 8;

    /// <summary>Never throws on odd text: empty, emoji-only, garbage and 4,000-character messages get a reply.</summary>
    public async Task<BotReply> ReplyAsync(
        BotTurn turn, IntentClassification classification, BotMemory memory, BotSettings settings, CancellationToken cancellationToken)
    {
        var entities = EntityExtractor.Extract(turn.Text);
        var step = DialoguePolicy.Decide(memory, classification, entities, settings);
        return step switch
        {
            BotStep.Answer answer => await AnswerAsync(answer, turn, memory, cancellationToken),
            BotStep.AskFor { Slot: Slots.OrderNumber } => Say("order.ask_number", memory),
            BotStep.AskFor => Say("product.ask", memory),
            BotStep.HandOver handOver => HandOver(handOver.Reason, memory),
            BotStep.NothingToRead => Say("empty", memory),
            _ => await ArticleOrClarifyAsync(turn, memory, cancellationToken),
        };
    }

    private async Task<BotReply> AnswerAsync(BotStep.Answer answer, BotTurn turn, BotMemory memory, CancellationToken cancellationToken)
    {
        var intent = answer.Intent;
        switch (intent)
        {
            case Intents.Greeting:
                return Reply(ReplyTemplates.Render("greeting", memory.Locale, ("shop", turn.ShopName)));
            case Intents.ThanksGoodbye:
                return Say(intent, memory);
            case Intents.OrderStatus or Intents.CancelOrder or Intents.ChangeAddress:
                return await AnswerAboutOrderAsync(intent, turn, memory, cancellationToken);
            case Intents.ProductInfo:
                return await AnswerAboutProductAsync(turn, memory, askedBefore: answer.AnswersBotQuestion, cancellationToken);
            default:
                DialoguePolicy.Answered(memory, intent);
                var article = await ArticleAsync(intent, turn, memory, cancellationToken)
                    ?? await knowledge.ForIntentAsync(turn.SiteId, intent, memory.Locale, cancellationToken);
                return Reply(article?.Body ?? ReplyTemplates.Render(ReplyTemplates.Has(intent) ? intent : "clarify", memory.Locale));
        }
    }

    /// <summary>The shop's own article that answers this question about the intent (its FAQ wins over the shipped wording), in the customer's language.</summary>
    private async Task<KnowledgeHit?> ArticleAsync(string intent, BotTurn turn, BotMemory memory, CancellationToken cancellationToken) =>
        (await knowledge.SearchAsync(turn.SiteId, turn.Text, memory.Locale, take: 3, cancellationToken)).FirstOrDefault(h => h.Intent == intent);

    private async Task<BotReply> ArticleOrClarifyAsync(BotTurn turn, BotMemory memory, CancellationToken cancellationToken)
    {
        var hits = await knowledge.SearchAsync(turn.SiteId, turn.Text, memory.Locale, take: 1, cancellationToken);
        if (hits is not [var hit, ..] || hit.Score < StrongArticleMatch)
            return Say("clarify", memory);
        memory.UnclearTurns = 0;
        return Reply(hit.Body);
    }

    private async Task<BotReply> AnswerAboutProductAsync(BotTurn turn, BotMemory memory, bool askedBefore, CancellationToken cancellationToken)
    {
        var found = await products.SearchAsync(turn.SiteId, turn.Text, take: 1, cancellationToken);
        if (found.Count == 0 && memory.Product is { } remembered)
            found = await products.SearchAsync(turn.SiteId, remembered, take: 1, cancellationToken);
        if (found is [var product, ..])
        {
            memory.Product = product.Name;
            DialoguePolicy.Answered(memory, Intents.ProductInfo);
            memory.PendingIntent = null;
            memory.AwaitingSlot = null;
            return Reply(ProductReplies.Describe(product, memory.Size, memory.Colour, memory.Locale));
        }
        if (await ArticleAsync(Intents.ProductInfo, turn, memory, cancellationToken) is { } article)
        {
            DialoguePolicy.Answered(memory, Intents.ProductInfo);
            return Reply(article.Body);
        }
        if (askedBefore)
        {
            // Asked once already: say what was not found instead of asking the same question again.
            return Reply(ReplyTemplates.Render("product.not_found", memory.Locale, ("query", Shorten(turn.Text))));
        }
        DialoguePolicy.Ask(memory, Slots.Product, Intents.ProductInfo);
        return Say("product.ask", memory);
    }

    private async Task<BotReply> AnswerAboutOrderAsync(string intent, BotTurn turn, BotMemory memory, CancellationToken cancellationToken)
    {
        var locale = memory.Locale;
        var number = memory.OrderNumber!;
        var order = await orders.FindByNumberAsync(turn.SiteId, number, cancellationToken);
        if (order is null)
        {
            memory.OrderNumber = null;
            DialoguePolicy.Ask(memory, Slots.OrderNumber, intent);
            return Reply(ReplyTemplates.Render("order.not_found", locale, ("number", number)));
        }
        DialoguePolicy.Answered(memory, intent);
        var status = OrderReplies.Status(order, locale);
        if (intent == Intents.OrderStatus)
            return Reply(status);
        if (intent == Intents.CancelOrder && order.Status is OrderStatus.Shipped or OrderStatus.Delivered)
            return Reply(ReplyTemplates.Render("cancel_order.shipped", locale, ("number", order.Number)));
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Refunded or OrderStatus.Delivered)
            return Reply(status);
        // The bot never changes an order itself (a customer's words must not cancel or refund anything): a person does.
        return new BotReply(status + ReplyLocales.SentenceGap(locale) + ReplyTemplates.Render("handover.reason.order_change", locale), HandoverReasons.OrderChange, Engine);
    }

    private static BotReply HandOver(string reason, BotMemory memory) =>
        new(ReplyTemplates.Render($"handover.reason.{reason}", memory.Locale), reason, Engine);

    private static BotReply Say(string key, BotMemory memory) => Reply(ReplyTemplates.Render(key, memory.Locale));

    private static BotReply Reply(string text) => new(text, null, Engine);

    private static string Shorten(string text) => text.Length <= 40 ? text.Trim() : text[..39].Trim() + "…";
}
