using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Features.Bot.Understanding;

/// <summary>
/// Pulls order numbers, phone numbers, sizes, colours and product names out of a shopper's message
/// (in any of the forms <see cref="TextNormalizer"/> accepts). Never throws.
/// </summary>
public static partial class EntityExtractor
{
    private static readonly string[] ChineseColours =
    [
        // Longer names first: 酒红色 is reported, not also 红色.
        "米白色", "藏青色", "酒红色", "深蓝色", "浅蓝色", "卡其色", "咖啡色", "天蓝色", "墨绿色", "浅灰色", "深灰色",
        "粉红色", "玫红色", "黑色", "白色", "红色", "蓝色", "绿色", "黄色", "灰色", "粉色", "紫色", "橙色", "棕色",
        "米色", "银色", "金色", "杏色", "驼色",
    ];

    private static readonly string[] EnglishColours =
    [
        "black", "white", "red", "blue", "green", "yellow", "grey", "gray", "pink", "purple", "orange", "brown",
        "beige", "navy", "khaki", "silver", "gold", "ivory", "cream", "camel", "burgundy",
    ];

    /// <param name="text">The shopper's message as written (order numbers keep their case).</param>
    /// <param name="productNames">The shop's product names to look for; a name like "羽绒服 Down jacket" also
    /// matches its Chinese or its English part alone, in Traditional or Simplified script.</param>
    public static ExtractedEntities Extract(string? text, IEnumerable<string>? productNames = null)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ExtractedEntities.None;
        var folded = FoldWidth(text);
        var phones = PhoneNumber().Matches(folded).Select(m => m.Value).ToList();
        var withoutPhones = PhoneNumber().Replace(folded, " ");
        var normalized = TextNormalizer.Normalize(text);
        return new ExtractedEntities(
            Distinct(OrderNumbers(withoutPhones)),
            Distinct(phones.Select(p => Separators().Replace(p, ""))),
            Distinct(Sizes(withoutPhones)),
            Distinct(Colours(normalized)),
            Distinct(Products(normalized, productNames ?? [])));
    }

    private static string FoldWidth(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c);
        return builder.ToString();
    }

    private static IEnumerable<string> OrderNumbers(string text) =>
        OrderNumberCandidate().Matches(text)
            .Where(m => m.Groups["number"].Value.Count(char.IsAsciiDigit) is >= 4 and <= 20
                && !Date().IsMatch(m.Groups["number"].Value)
                && !PriceUnit().IsMatch(text.AsSpan(m.Index + m.Length)))
            .Select(m => m.Groups["number"].Value);

    private static IEnumerable<string> Sizes(string text)
    {
        foreach (Match match in ClothingSize().Matches(text))
        {
            var size = match.Groups["size"].Value;
            if (size.Length > 1 || char.IsUpper(size[0]) || match.Groups["label"].Success)
                yield return size.ToUpperInvariant();
        }
        foreach (Match match in ShoeSize().Matches(text))
            yield return match.Groups["before"].Success ? match.Groups["before"].Value : match.Groups["after"].Value;
    }

    private static IEnumerable<string> Colours(string normalized)
    {
        var found = new List<(int Index, string Colour)>();
        foreach (var colour in ChineseColours)
        {
            var index = normalized.IndexOf(colour, StringComparison.Ordinal);
            if (index >= 0 && !found.Any(f => f.Colour.Contains(colour, StringComparison.Ordinal)))
                found.Add((index, colour));
        }
        foreach (Match word in LatinWord().Matches(normalized))
        {
            if (EnglishColours.Contains(word.Value))
                found.Add((word.Index, word.Value));
        }
        return found.OrderBy(f => f.Index).Select(f => f.Colour);
    }

    private static IEnumerable<string> Products(string normalized, IEnumerable<string> productNames) =>
        productNames
            .Select(name => (Name: name, Index: NamePartsOf(name).Select(part => IndexOfPart(normalized, part)).Where(i => i >= 0).DefaultIfEmpty(-1).Min()))
            .Where(p => p.Index >= 0)
            .OrderBy(p => p.Index)
            .Select(p => p.Name);

    private static IEnumerable<string> NamePartsOf(string productName)
    {
        var normalized = TextNormalizer.Normalize(productName);
        if (normalized.Length == 0)
            yield break;
        yield return normalized;
        foreach (Match part in ScriptRun().Matches(normalized))
        {
            var value = part.Value.Trim();
            if (value.Length >= 2 && value != normalized)
                yield return value;
        }
    }

    private static int IndexOfPart(string normalized, string part)
    {
        for (var index = normalized.IndexOf(part, StringComparison.Ordinal); index >= 0;
             index = normalized.IndexOf(part, index + 1, StringComparison.Ordinal))
        {
            // A Latin part must stand as whole words ("coat" is not in "petticoat").
            var startsWord = index == 0 || !char.IsAsciiLetter(normalized[index - 1]) || !char.IsAsciiLetter(part[0]);
            var end = index + part.Length;
            var endsWord = end == normalized.Length || !char.IsAsciiLetter(normalized[end]) || !char.IsAsciiLetter(part[^1]);
            if (startsWord && endsWord)
                return index;
        }
        return -1;
    }

    private static List<string> Distinct(IEnumerable<string> values) => values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    // CN mobile (optionally +86), or an international number written with its + country code.
    [GeneratedRegex(@"(?<![\dA-Za-z+-])(?:(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}|\+\d{1,3}[ -]?\d(?:[ -]?\d){6,13})(?![\dA-Za-z])")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"[ -]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"(?<![A-Za-z0-9#-])#?(?<number>[A-Za-z]{0,4}-?\d[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![A-Za-z0-9])")]
    private static partial Regex OrderNumberCandidate();

    [GeneratedRegex(@"^\d{4}[-/]\d{1,2}[-/]\d{1,2}$")]
    private static partial Regex Date();

    [GeneratedRegex(@"^\s*(?:元|块|塊|rmb|yuan|usd|dollars?|hkd)", RegexOptions.IgnoreCase)]
    private static partial Regex PriceUnit();

    [GeneratedRegex(@"(?<label>(?i:size|尺码|尺碼|码|碼|号|號)\s*)?(?<![A-Za-z'’])(?<size>(?i:XXXL|XXL|XL|XXS|XS|[2-4]XL|S|M|L))(?![A-Za-z])(?:\s*(?:码|碼|号|號))?")]
    private static partial Regex ClothingSize();

    [GeneratedRegex(@"(?i:size|eu|尺码|尺碼)\s*(?<before>3[6-9]|4[0-6])(?!\d)|(?<!\d)(?<after>3[6-9]|4[0-6])\s*(?:码|碼|号|號|yards?)")]
    private static partial Regex ShoeSize();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}]+|[a-z0-9][a-z0-9 ()'-]*[a-z0-9)]")]
    private static partial Regex ScriptRun();
}
