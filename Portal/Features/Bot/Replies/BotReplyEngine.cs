using System.Diagnostics;
using Portal.Features.Bot.Dialogue;
using Portal.Features.Bot.Llm;
using Portal.Features.Bot.Understanding;

namespace Portal.Features.Bot.Replies;

/// <summary>
/// Produces the bot's answer to one customer message: the LLM when one is configured, the embedded bot otherwise, and
/// the embedded bot at once whenever the LLM fails, is slow past its deadline or answers garbage.
/// </summary>
public sealed class BotReplyEngine(
    EmbeddedBot embedded,
    LlmBot llm,
    LlmSettingsStore llmSettings,
    IntentClassifier classifier,
    BotMetrics metrics,
    ILogger<BotReplyEngine> logger)
{
    public async Task<BotReply> ReplyAsync(BotTurn turn, BotMemory memory, BotSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var classification = classifier.Classify(turn.Text);
        var assistant = await llmSettings.GetAsync(cancellationToken);
        if (assistant.Enabled && !WantsPerson(classification, settings))
        {
            DialoguePolicy.Remember(memory, EntityExtractor.Extract(turn.Text));
            try
            {
                var reply = await llm.ReplyAsync(turn, memory, assistant, cancellationToken);
                memory.Turns++;
                memory.UnclearTurns = 0;
                metrics.Replied(reply.Engine, clock.Elapsed);
                return reply with { Classification = classification };
            }
            catch (LlmReplyException failure)
            {
                metrics.FellBack(failure.Failure);
                // The reason and message say what happened; formatting the stack trace cost the first fallbacks after a
                // start a few hundred milliseconds the customer waited for (SPEC §5: fallback ≤ 300 ms after the deadline).
                logger.LogWarning("The LLM gave no answer to message {MessageId} ({Reason}: {Detail}); the embedded bot answers",
                    turn.MessageId, failure.Reason, failure.Message);
            }
        }
        var embeddedReply = await embedded.ReplyAsync(turn, classification, memory, settings, cancellationToken);
        metrics.Replied(embeddedReply.Engine, clock.Elapsed);
        return embeddedReply with { Classification = classification };
    }

    /// <summary>Asking for a person or complaining goes straight to the handover, without waiting for an LLM to agree.</summary>
    private static bool WantsPerson(IntentClassification classification, BotSettings settings) =>
        classification.Confidence >= settings.ConfidenceThreshold && settings.HandoverIntents.Contains(classification.Intent);
}
