using Portal.Features.Bot.Tools;
using Portal.Features.Bot.Understanding;
using Portal.Features.Orders;

namespace Portal.Features.Bot.Dialogue;

/// <summary>
/// The offline bot: the local intent model, entities and memory decide the step (<see cref="DialoguePolicy"/>), the shop's
/// orders and knowledge fill in the answer, the reply templates word it in the customer's script. No network, no LLM.
/// </summary>
public sealed class EmbeddedBot(IntentClassifier classifier, OrderQueries orders)
{
    public const string Engine = "embedded";

    /// <summary>Never throws on odd text: empty, emoji-only, garbage and 4,000-character messages get a reply.</summary>
    public async Task<BotReply> ReplyAsync(BotTurn turn, BotMemory memory, BotSettings settings, CancellationToken cancellationToken)
    {
        memory.Locale = ReplyLocales.Detect(turn.Text, memory.Locale);
        var classification = classifier.Classify(turn.Text);
        var entities = EntityExtractor.Extract(turn.Text);
        var step = DialoguePolicy.Decide(memory, classification, entities, settings);
        return step switch
        {
            BotStep.Answer answer => await AnswerAsync(answer.Intent, turn, memory, cancellationToken),
            BotStep.AskFor { Slot: Slots.OrderNumber } => Say("order.ask_number", memory),
            BotStep.AskFor => Say("product.ask", memory),
            BotStep.HandOver handOver => HandOver(handOver.Reason, memory),
            BotStep.NothingToRead => Say("empty", memory),
            _ => Say("clarify", memory),
        };
    }

    private async Task<BotReply> AnswerAsync(string intent, BotTurn turn, BotMemory memory, CancellationToken cancellationToken)
    {
        var locale = memory.Locale;
        switch (intent)
        {
            case Intents.Greeting:
                return Reply(ReplyTemplates.Render("greeting", locale, ("shop", turn.ShopName)));
            case Intents.OrderStatus or Intents.CancelOrder or Intents.ChangeAddress:
                return await AnswerAboutOrderAsync(intent, turn, memory, cancellationToken);
            case Intents.ProductInfo:
                DialoguePolicy.Ask(memory, Slots.Product, intent);
                return Say("product.ask", memory);
            default:
                DialoguePolicy.Answered(memory, intent);
                return Say(ReplyTemplates.Has(intent) ? intent : "clarify", memory);
        }
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
        return new BotReply(status + Space(locale) + ReplyTemplates.Render("handover.reason.order_change", locale), HandoverReasons.OrderChange, Engine);
    }

    private static BotReply HandOver(string reason, BotMemory memory) =>
        new(ReplyTemplates.Render($"handover.reason.{reason}", memory.Locale), reason, Engine);

    private static BotReply Say(string key, BotMemory memory) => Reply(ReplyTemplates.Render(key, memory.Locale));

    private static BotReply Reply(string text) => new(text, null, Engine);

    internal static string Space(string locale) => locale == ReplyLocales.English ? " " : "";
}
