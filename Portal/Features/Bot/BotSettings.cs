using System.ComponentModel.DataAnnotations;

namespace Portal.Features.Bot;

/// <summary>How the bot decides to answer or hand over; admins change it on /admin/bot (stored under the key "bot").</summary>
public sealed record BotSettings
{
    public const string Key = "bot";

    /// <summary>Intents the bot never answers itself: it hands the conversation to a person.</summary>
    public IReadOnlyList<string> HandoverIntents { get; init; } = [Intents.HumanAgent, Intents.Complaint];

    /// <summary>Below this confidence the bot asks the customer to rephrase instead of guessing.</summary>
    [Range(0.05, 0.95)]
    public double ConfidenceThreshold { get; init; } = 0.45;

    /// <summary>Unclear turns in a row after which the bot hands over.</summary>
    [Range(1, 10)]
    public int UnclearTurnsBeforeHandover { get; init; } = 2;
}
