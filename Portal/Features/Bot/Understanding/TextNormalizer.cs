using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Features.Bot.Understanding;

/// <summary>
/// The one form of a shopper's message that the bot's understanding works on: Simplified Chinese, half-width,
/// lower-case Latin, one space and one punctuation mark where the shopper typed many, common misspellings and
/// colloquial variants replaced (see <see cref="SpellingVariants"/>). Digits and letters of order numbers survive.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>The normalized text; empty for null, empty or whitespace-only input. Never throws.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        // NFKC folds full-width letters, digits and punctuation (ＡＢＣ１２３？！) and the ideographic space to ASCII.
        var folded = RemoveBrokenSurrogates(text).Normalize(NormalizationForm.FormKC);
        var simplified = ChineseScript.ToSimplified(folded).ToLowerInvariant();
        var standardWords = SpellingVariants.Apply(simplified);
        var singlePunctuation = RepeatedPunctuation().Replace(standardWords, "$1");
        return Whitespace().Replace(singlePunctuation, " ").Trim();
    }

    // Normalize() throws on a lone surrogate, which a truncated emoji leaves behind.
    private static string RemoveBrokenSurrogates(string text)
    {
        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept?.Append(text, i, 2);
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                kept ??= new StringBuilder(text.Length).Append(text, 0, i);
            }
            else
            {
                kept?.Append(text[i]);
            }
        }
        return kept?.ToString() ?? text;
    }

    [GeneratedRegex(@"(\p{P}|\p{S})\1+")]
    private static partial Regex RepeatedPunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
