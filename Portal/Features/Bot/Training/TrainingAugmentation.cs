using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Features.Bot.Training;

/// <summary>
/// Extra training copies of an example, made at training time from its normalized text: one with a word swapped for
/// a word shoppers use for the same thing, one with a typo. Traditional Chinese needs no copies of its own, since
/// normalization turns it into Simplified; what it does not turn over is Taiwanese and Hong Kong vocabulary
/// (出貨 for 发货, 免運 for 包邮), so those words are swapped like synonyms.
/// </summary>
public sealed partial class TrainingAugmentation(int seed)
{
    /// <summary>Words that mean the same in a shopper's message, each group in normalized (Simplified, lower-case) form.</summary>
    public static readonly IReadOnlyList<string[]> Synonyms =
    [
        ["快递", "物流"], ["退款", "退钱"], ["衣服", "衣物"], ["包裹", "快件"], ["配送", "送货"], ["付款", "支付"],
        ["人工", "真人"], ["尺码", "尺寸"],
        ["refund", "money back"], ["parcel", "package"], ["coupon", "voucher"], ["clothes", "clothing"],
        ["human", "real person"], ["cancel", "call off"],
    ];

    /// <summary>Mainland words and the Taiwanese or Hong Kong words for the same thing that Traditional → Simplified leaves as they are.</summary>
    public static readonly IReadOnlyList<string[]> RegionalWords =
    [
        ["发货", "出货"], ["包邮", "免运"], ["质量", "品质"], ["优惠券", "折价券"], ["便利店", "超商"], ["快递", "宅配"],
    ];

    private static readonly IReadOnlyList<string[]> Swaps = [.. Synonyms, .. RegionalWords];

    // Apart, so adding swapped copies leaves the typo copies as they were.
    private readonly Random _typos = new(seed);
    private readonly Random _swaps = new(seed + 1);

    /// <summary>
    /// What the model trains on for one normalized example (<see cref="IntentModel.FeatureText"/> of each): the text
    /// itself, then a copy with one word swapped when it has a word of <see cref="Synonyms"/> or
    /// <see cref="RegionalWords"/>, then a copy with one typo (a character dropped or doubled) when it has at least
    /// four characters. The same seed makes the same copies.
    /// </summary>
    public IEnumerable<string> Expand(string normalizedText)
    {
        var features = IntentModel.FeatureText(normalizedText);
        yield return features;
        // Words are swapped before the features space out the Chinese characters.
        if (WithSwappedWord(normalizedText, _swaps) is { } swapped)
            yield return IntentModel.FeatureText(swapped);
        if (features.Length >= 4)
            yield return WithTypo(features, _typos);
    }

    /// <summary>The text with the first word found in a group replaced by another of its group, or null when it has none.</summary>
    public static string? WithSwappedWord(string text, Random random)
    {
        foreach (var group in Swaps)
        {
            foreach (var word in group)
            {
                var position = Find(text, word);
                if (position < 0)
                    continue;
                var others = group.Where(w => w != word).ToArray();
                var replacement = others[random.Next(others.Length)];
                return string.Concat(text.AsSpan(0, position), replacement, text.AsSpan(position + word.Length));
            }
        }
        return null;
    }

    public static string WithTypo(string text, Random random)
    {
        var position = random.Next(text.Length);
        var typo = new StringBuilder(text);
        if (random.Next(2) == 0)
            typo.Remove(position, 1);
        else
            typo.Insert(position, text[position]);
        return typo.ToString();
    }

    // Latin words must stand alone ("cancel" is not in "cancellation"); Chinese has no spaces, so any occurrence counts.
    private static int Find(string text, string word)
    {
        if (!AsciiLetter().IsMatch(word))
            return text.IndexOf(word, StringComparison.Ordinal);
        var match = Regex.Match(text, $@"(?<![a-z]){Regex.Escape(word)}(?![a-z])", RegexOptions.CultureInvariant);
        return match.Success ? match.Index : -1;
    }

    [GeneratedRegex("^[a-z ]+$")]
    private static partial Regex AsciiLetter();
}
