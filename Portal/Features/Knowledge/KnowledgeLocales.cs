namespace Portal.Features.Knowledge;

/// <summary>The languages a knowledge article is written in.</summary>
public static class KnowledgeLocales
{
    public const string SimplifiedChinese = "zh-Hans";
    public const string TraditionalChinese = "zh-Hant";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [SimplifiedChinese, TraditionalChinese, English];

    /// <summary>
    /// An article locale for what a shopper's browser or the widget reports (zh-CN, zh-TW, zh-HK, en-US, zh-Hant-TW …),
    /// or null when it is none of the three.
    /// </summary>
    public static string? Resolve(string? locale)
    {
        var tag = locale?.Trim().Replace('_', '-').ToLowerInvariant();
        return tag switch
        {
            null or "" => null,
            _ when tag.StartsWith("zh-hant", StringComparison.Ordinal) || tag is "zh-tw" or "zh-hk" or "zh-mo" => TraditionalChinese,
            _ when tag == "zh" || tag.StartsWith("zh-", StringComparison.Ordinal) => SimplifiedChinese,
            _ when tag == "en" || tag.StartsWith("en-", StringComparison.Ordinal) => English,
            _ => null,
        };
    }

    /// <summary>How well an article in <paramref name="locale"/> suits a reader of <paramref name="preferred"/>: 2 same, 1 the other Chinese script, 0 else.</summary>
    public static int Affinity(string locale, string? preferred) =>
        locale == preferred ? 2 : IsChinese(locale) && IsChinese(preferred) ? 1 : 0;

    public static bool IsChinese(string? locale) => locale is SimplifiedChinese or TraditionalChinese;
}
