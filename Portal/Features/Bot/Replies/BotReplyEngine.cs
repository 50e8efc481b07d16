using System.Diagnostics;
using Portal.Features.Bot.Dialogue;

namespace Portal.Features.Bot.Replies;

/// <summary>Produces the bot's answer to one customer message and records how long it took.</summary>
public sealed class BotReplyEngine(EmbeddedBot embedded, BotMetrics metrics)
{
    public async Task<BotReply> ReplyAsync(BotTurn turn, BotMemory memory, BotSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var reply = await embedded.ReplyAsync(turn, memory, settings, cancellationToken);
        metrics.Replied(reply.Engine, clock.Elapsed);
        return reply;
    }
}
