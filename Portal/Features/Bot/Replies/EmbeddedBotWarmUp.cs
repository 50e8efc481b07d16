using Portal.Features.Bot.Dialogue;

namespace Portal.Features.Bot.Replies;

/// <summary>
/// Runs the embedded bot once on a few sample questions as soon as the intent model is loaded, before any customer asks:
/// its first real answer would otherwise pay for compiling the dialogue, entity and template code — on the LLM-failed
/// path that came on top of the deadline (SPEC §5: fallback ≤ 300 ms after it). Nothing is stored or sent.
/// </summary>
public sealed class EmbeddedBotWarmUp(IntentClassifier classifier, EmbeddedBot embedded, BotSettingsStore settings, ILogger<EmbeddedBotWarmUp> logger)
    : BackgroundService
{
    private static readonly string[] Samples = ["我的订单 1002 到哪了？", "請問可以退貨嗎", "do you have the down jacket in size M?"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!classifier.IsReady)
            await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
        try
        {
            var botSettings = await settings.GetAsync(stoppingToken);
            foreach (var text in Samples)
            {
                // An unknown site: the order, product and article look-ups run and find nothing.
                var turn = new BotTurn(Guid.NewGuid(), Guid.NewGuid(), 1, Guid.Empty, "Shop", text);
                await embedded.ReplyAsync(turn, classifier.Classify(text), new BotMemory { ConversationId = turn.ConversationId }, botSettings, stoppingToken);
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Only the first answers are slower without it.
            logger.LogWarning(exception, "Warming up the embedded bot failed");
        }
    }
}
