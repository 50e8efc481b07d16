using System.Globalization;
using Portal.Features.Bot.Dialogue;

namespace Portal.Features.Bot.Handover;

/// <summary>The short note pinned in the console when the bot hands over: why, what the customer wants, what it knows and tried.</summary>
public static class HandoverSummary
{
    public const int MaxLength = 1000;

    public static string Describe(BotMemory memory, string reason, string lastCustomerText)
    {
        var parts = new List<string> { $"Handed over: {HandoverReasons.Describe(reason)}." };
        if (memory.LastIntent is { } intent && intent != Intents.Unknown)
            parts.Add($"Intent: {intent} ({memory.LastConfidence.ToString("P0", CultureInfo.InvariantCulture)}).");
        var known = new List<string>();
        if (memory.OrderNumber is { } order) known.Add($"order {order}");
        if (memory.Product is { } product) known.Add($"product {product}");
        if (memory.Size is { } size) known.Add($"size {size}");
        if (memory.Colour is { } colour) known.Add($"colour {colour}");
        if (memory.Phone is { } phone) known.Add($"phone {phone}");
        if (known.Count > 0)
            parts.Add($"Known: {string.Join(", ", known)}.");
        parts.Add(memory.Answered.Count > 0 ? $"Bot answered: {string.Join(", ", memory.Answered)}." : "Bot answered nothing yet.");
        parts.Add($"Language: {memory.Locale}. Last message: “{Shorten(lastCustomerText, 200)}”");
        var summary = string.Join(" ", parts);
        return Shorten(summary, MaxLength);
    }

    private static string Shorten(string text, int max)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 1)] + "…";
    }
}
