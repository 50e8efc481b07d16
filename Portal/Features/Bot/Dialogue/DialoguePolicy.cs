using Portal.Features.Bot.Understanding;

namespace Portal.Features.Bot.Dialogue;

/// <summary>
/// Decides the bot's next step from what the customer wrote and what the bot remembers, and updates the memory:
/// slots the message fills, the question it answers, and how many turns in a row were unclear.
/// </summary>
public static class DialoguePolicy
{
    /// <summary>Intents that need an order before the bot can answer them.</summary>
    private static readonly HashSet<string> NeedOrder = [Intents.OrderStatus, Intents.CancelOrder, Intents.ChangeAddress];

    public static BotStep Decide(BotMemory memory, IntentClassification classification, ExtractedEntities entities, BotSettings settings)
    {
        memory.Turns++;
        Remember(memory, entities);
        if (!classification.NormalizedText.Any(char.IsLetterOrDigit))
            return new BotStep.NothingToRead();

        var intent = classification.Intent;
        var understood = classification.Confidence >= settings.ConfidenceThreshold;
        memory.LastIntent = intent;
        memory.LastConfidence = classification.Confidence;

        if (understood && settings.HandoverIntents.Contains(intent))
            return HandOver(memory, intent switch
            {
                Intents.HumanAgent => HandoverReasons.HumanAgent,
                Intents.Complaint => HandoverReasons.Complaint,
                _ => HandoverReasons.ConfiguredIntent,
            });

        // "Which order?" → "2024112300123": the answer to the bot's question goes on with the question's intent,
        // whatever the classifier makes of a bare number.
        var answersQuestion = AnswersPendingQuestion(memory, entities, understood, intent);
        if (answersQuestion)
        {
            intent = memory.PendingIntent!;
            understood = true;
        }
        else if (!understood && entities.OrderNumbers.Count > 0)
        {
            // A message that is mostly an order number is a question about that order.
            intent = Intents.OrderStatus;
            understood = true;
        }

        if (!understood)
        {
            memory.UnclearTurns++;
            return memory.UnclearTurns >= settings.UnclearTurnsBeforeHandover
                ? HandOver(memory, HandoverReasons.Unclear)
                : new BotStep.Clarify();
        }

        memory.UnclearTurns = 0;
        memory.LastIntent = intent;
        if (NeedOrder.Contains(intent) && memory.OrderNumber is null)
            return Ask(memory, Slots.OrderNumber, intent);
        memory.PendingIntent = null;
        memory.AwaitingSlot = null;
        return new BotStep.Answer(intent, answersQuestion);
    }

    /// <summary>The intent was answered: the handover summary lists it.</summary>
    public static void Answered(BotMemory memory, string intent)
    {
        if (!memory.Answered.Contains(intent))
            memory.Answered.Add(intent);
    }

    /// <summary>The bot asks for a slot and waits for it.</summary>
    public static BotStep Ask(BotMemory memory, string slot, string intent)
    {
        memory.PendingIntent = intent;
        memory.AwaitingSlot = slot;
        return new BotStep.AskFor(slot, intent);
    }

    private static BotStep HandOver(BotMemory memory, string reason)
    {
        memory.PendingIntent = null;
        memory.AwaitingSlot = null;
        return new BotStep.HandOver(reason);
    }

    private static bool AnswersPendingQuestion(BotMemory memory, ExtractedEntities entities, bool understood, string intent)
    {
        if (memory.PendingIntent is null)
            return false;
        var filled = memory.AwaitingSlot switch
        {
            Slots.OrderNumber => entities.OrderNumbers.Count > 0,
            Slots.Product => entities.Products.Count > 0 || !understood,
            _ => false,
        };
        // A clear new question ("and how do I pay?") is answered as itself, even with a number in it.
        return filled && (!understood || intent == memory.PendingIntent || intent == Intents.OrderStatus);
    }

    /// <summary>Keeps what the message names (order, product, size…) for later turns; the latest mention wins.</summary>
    public static void Remember(BotMemory memory, ExtractedEntities entities)
    {
        if (entities.OrderNumbers.Count > 0) memory.OrderNumber = entities.OrderNumbers[^1];
        if (entities.PhoneNumbers.Count > 0) memory.Phone = entities.PhoneNumbers[^1];
        if (entities.Products.Count > 0) memory.Product = entities.Products[^1];
        if (entities.Sizes.Count > 0) memory.Size = entities.Sizes[^1];
        if (entities.Colours.Count > 0) memory.Colour = entities.Colours[^1];
    }
}
