using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Bot;

/// <summary>The operator's switches for the bot (<c>Portal:Bot</c> in appsettings.json).</summary>
public sealed class BotOptions
{
    /// <summary>The bot answers new conversations first (on sites that have it on); false: people answer everything.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Bot replies worked on at once across conversations (each conversation's replies stay in order).</summary>
    [Range(1, 512)]
    public int MaxConcurrentReplies { get; set; } = 32;
}
