using Portal.Features.Bot;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Bot.Understanding;

namespace Portal.Tests.Features.Bot.Dialogue;

public sealed class DialoguePolicyTests
{
    private static readonly BotSettings Settings = new();

    [Fact]
    public void Where_is_my_order_asks_which_order_and_the_number_given_next_answers_it()
    {
        var memory = new BotMemory();

        var first = Decide(memory, "where is my order?", Intents.OrderStatus, 0.9);
        Assert.Equal(new BotStep.AskFor(Slots.OrderNumber, Intents.OrderStatus), first);

        // A bare number classifies as anything with low confidence; it answers the question the bot asked.
        var second = Decide(memory, "2024112300123", Intents.Payment, 0.2);
        Assert.Equal(new BotStep.Answer(Intents.OrderStatus, AnswersBotQuestion: true), second);
        Assert.Equal("2024112300123", memory.OrderNumber);
        Assert.Null(memory.AwaitingSlot);
    }

    [Fact]
    public void An_order_number_given_earlier_is_remembered_for_a_later_question()
    {
        var memory = new BotMemory();
        Decide(memory, "hi, my order is 1002", Intents.Greeting, 0.8);

        var step = Decide(memory, "can I cancel it?", Intents.CancelOrder, 0.85);

        Assert.Equal(new BotStep.Answer(Intents.CancelOrder), step);
        Assert.Equal("1002", memory.OrderNumber);
    }

    [Fact]
    public void A_clear_new_question_while_the_bot_waits_for_an_order_number_is_answered_as_itself()
    {
        var memory = new BotMemory();
        Decide(memory, "where is my order", Intents.OrderStatus, 0.9);

        var step = Decide(memory, "how can I pay?", Intents.Payment, 0.8);

        Assert.Equal(new BotStep.Answer(Intents.Payment), step);
    }

    [Fact]
    public void Two_unclear_turns_in_a_row_hand_over_and_an_understood_turn_resets_the_count()
    {
        var memory = new BotMemory();

        Assert.IsType<BotStep.Clarify>(Decide(memory, "blorp", Intents.Promotion, 0.2));
        Assert.IsType<BotStep.Answer>(Decide(memory, "thanks", Intents.ThanksGoodbye, 0.9));
        Assert.IsType<BotStep.Clarify>(Decide(memory, "zzzt", Intents.Invoice, 0.1));
        Assert.Equal(new BotStep.HandOver(HandoverReasons.Unclear), Decide(memory, "qwfp", Intents.Exchange, 0.15));
    }

    [Theory]
    [InlineData(Intents.HumanAgent, HandoverReasons.HumanAgent)]
    [InlineData(Intents.Complaint, HandoverReasons.Complaint)]
    public void Asking_for_a_person_or_complaining_hands_over_at_once(string intent, string reason)
    {
        Assert.Equal(new BotStep.HandOver(reason), Decide(new BotMemory(), "转人工", intent, 0.9));
    }

    [Fact]
    public void An_intent_the_admin_sends_to_people_hands_over()
    {
        var settings = Settings with { HandoverIntents = [Intents.Invoice] };

        var step = DialoguePolicy.Decide(new BotMemory(), new IntentClassification(Intents.Invoice, 0.9, "invoice please"),
            EntityExtractor.Extract("invoice please"), settings);

        Assert.Equal(new BotStep.HandOver(HandoverReasons.ConfiguredIntent), step);
    }

    [Fact]
    public void A_message_that_is_only_an_order_number_is_a_question_about_that_order()
    {
        var memory = new BotMemory();

        Assert.Equal(new BotStep.Answer(Intents.OrderStatus), Decide(memory, "订单 2024112300123", Intents.Unknown, 0));
    }

    [Theory]
    [InlineData("😀😀👍")]
    [InlineData("？？？！！")]
    public void Emoji_or_punctuation_alone_asks_for_words_without_counting_as_unclear(string text)
    {
        var memory = new BotMemory();

        Assert.IsType<BotStep.NothingToRead>(Decide(memory, text, Intents.Greeting, 0.3));
        Assert.Equal(0, memory.UnclearTurns);
    }

    private static BotStep Decide(BotMemory memory, string text, string intent, double confidence) =>
        DialoguePolicy.Decide(memory, new IntentClassification(intent, confidence, TextNormalizer.Normalize(text)),
            EntityExtractor.Extract(text), Settings);
}
