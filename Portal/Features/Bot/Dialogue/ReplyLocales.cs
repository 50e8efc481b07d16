using Portal.Features.Bot.Understanding;

namespace Portal.Features.Bot.Dialogue;

/// <summary>The bot answers in the script the customer writes: Traditional, Simplified or English.</summary>
public static class ReplyLocales
{
    public const string Simplified = "zh-Hans";
    public const string Traditional = "zh-Hant";
    public const string English = "en";

    /// <summary>
    /// The locale of <paramref name="text"/>: Traditional when it has a character Simplified writes differently,
    /// Simplified for other Chinese (unless the customer wrote Traditional before and nothing here is Simplified only:
    /// most characters are the same in both),
    /// English for Latin letters; text without letters (an order number, emoji) keeps <paramref name="previous"/>.
    /// </summary>
    public static string Detect(string? text, string previous)
    {
        if (string.IsNullOrWhiteSpace(text))
            return previous;
        var hasChinese = text.Any(ChineseScript.IsHan);
        if (hasChinese)
        {
            if (ChineseScript.HasTraditionalOnlyCharacters(text))
                return Traditional;
            return previous == Traditional && !ChineseScript.HasSimplifiedOnlyCharacters(text) ? Traditional : Simplified;
        }
        return text.Any(char.IsAsciiLetter) ? English : previous;
    }

    /// <summary>Maps the widget's locale (zh-CN, zh-TW, en, or the browser's, e.g. en-GB) to the bot's; Simplified when unknown.</summary>
    public static string FromWidget(string? locale) => locale switch
    {
        null => Simplified,
        _ when locale.StartsWith("zh-TW", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("zh-HK", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("zh-Hant", StringComparison.OrdinalIgnoreCase) => Traditional,
        _ when locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) => English,
        _ => Simplified,
    };

    /// <summary>What goes between two sentences of a reply: a space in English, nothing in Chinese.</summary>
    public static string SentenceGap(string locale) => locale == English ? " " : "";
}
