using System.Collections.Frozen;
using System.Text;
using Portal.Features.Bot.Understanding;

namespace Portal.Features.Knowledge.Retrieval;

/// <summary>
/// Splits text into search terms that work for Chinese and English alike, on <see cref="TextNormalizer"/>'s form of it
/// (so Traditional and Simplified, full- and half-width, upper and lower case give the same terms):
/// Chinese, Japanese and Korean runs give every character and every pair of neighbouring characters (羽绒服 → 羽, 绒, 服,
/// 羽绒, 绒服), which finds words without a dictionary, cut at question words (怎么, 什么); other text gives lower-case
/// words and numbers, words lightly stemmed (returns → return), without the commonest English words and single letters
/// (except one that prefixes Chinese: T恤).
/// </summary>
public static class SearchTokenizer
{
    private static readonly FrozenSet<string> EnglishStopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "about", "as", "into",
        "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "can", "could", "will",
        "would", "should", "may", "might", "shall", "i", "me", "my", "you", "your", "we", "our", "us", "it", "its", "this",
        "that", "these", "those", "there", "here", "what", "which", "who", "how", "when", "where", "why", "if", "so",
        "please", "hi", "hello", "thanks", "thank", "any", "some", "not", "no", "yes", "get", "got",
    ], StringComparer.Ordinal);

    // Characters that say nothing alone; pairs with them (可以, 什么) still count.
    private static readonly FrozenSet<char> ChineseStopCharacters = FrozenSet.ToFrozenSet(
        "的了吗呢吧啊呀哦嘛我你您他她它们是在有和与及或么什怎这那个也就都还要能会可以请问");

    // Question words and pronouns: pairs that many questions have and that say nothing about their topic.
    private static readonly FrozenSet<string> ChineseStopPairs = new[]
    {
        "怎么", "什么", "可以", "请问", "一下", "我们", "你们", "我的", "您的", "你的", "这个", "那个", "如何", "是否", "怎样", "为什", "么样",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for a term that is a single Chinese, Japanese or Korean character, which alone says little.</summary>
    public static bool IsSingleCharacter(string term) => term.Length == 1 && IsIdeographic(term[0]);

    /// <summary>The terms of <paramref name="text"/> in order, repeats kept (they count as term frequency).</summary>
    public static List<string> Tokenize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        // Cut at question words, so 羽绒服怎么退货 gives no pairs 服怎 and 么退 that would match 羽绒服怎么洗.
        foreach (var pair in ChineseStopPairs)
            normalized = normalized.Replace(pair, " ", StringComparison.Ordinal);
        var terms = new List<string>();
        var word = new StringBuilder();
        var previousIdeograph = '\0';
        foreach (var c in normalized)
        {
            if (IsIdeographic(c))
            {
                // A lone letter belongs to the word it prefixes: T恤 (T-shirt), M码 (size M).
                if (word.Length == 1 && char.IsAsciiLetter(word[0]))
                    terms.Add(string.Concat(word[0], c));
                AddWord(terms, word);
                if (!ChineseStopCharacters.Contains(c))
                    terms.Add(c.ToString());
                if (previousIdeograph != '\0')
                    terms.Add(string.Concat(previousIdeograph, c));
                previousIdeograph = c;
            }
            else
            {
                previousIdeograph = '\0';
                // Numbers and words stay apart: 170cm is 170 and cm, as in "170 cm".
                if (word.Length > 0 && char.IsDigit(c) != char.IsDigit(word[^1]))
                    AddWord(terms, word);
                if (char.IsLetterOrDigit(c))
                    word.Append(c);
                else
                    AddWord(terms, word);
            }
        }
        AddWord(terms, word);
        return terms;
    }

    private static void AddWord(List<string> terms, StringBuilder word)
    {
        if (word.Length == 0)
            return;
        var text = word.ToString();
        word.Clear();
        if (EnglishStopWords.Contains(text) || (text.Length == 1 && !char.IsDigit(text[0])))
            return;
        terms.Add(Stem(text));
    }

    /// <summary>
    /// Folds the commonest English endings and a final "e", so "exchange", "exchanges", "exchanged" and "exchanging"
    /// all give "exchang". Both the articles and the questions go through it, so only agreement matters.
    /// </summary>
    private static string Stem(string word)
    {
        if (word.Length <= 3 || !word.All(char.IsAsciiLetterLower))
            return word;
        var stem = word;
        if (stem.EndsWith("ies", StringComparison.Ordinal) && stem.Length > 4)
            stem = stem[..^3] + "y";
        else if (stem.EndsWith("ing", StringComparison.Ordinal) && stem.Length > 5)
            stem = Undouble(stem[..^3]);
        else if (stem.EndsWith("ed", StringComparison.Ordinal) && stem.Length > 4)
            stem = Undouble(stem[..^2]);
        else if (stem.EndsWith("es", StringComparison.Ordinal) && (stem.EndsWith("ses", StringComparison.Ordinal) || stem.EndsWith("xes", StringComparison.Ordinal)
                || stem.EndsWith("ches", StringComparison.Ordinal) || stem.EndsWith("shes", StringComparison.Ordinal)))
            stem = stem[..^2];
        else if (stem.EndsWith('s') && !stem.EndsWith("ss", StringComparison.Ordinal) && !stem.EndsWith("us", StringComparison.Ordinal))
            stem = stem[..^1];
        return stem.Length > 4 && stem.EndsWith('e') && !stem.EndsWith("ee", StringComparison.Ordinal) ? stem[..^1] : stem;
    }

    // shipping → shipp → ship; but not "fee" or "address".
    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e') ? stem[..^1] : stem;

    private static bool IsIdeographic(char c) =>
        c is >= '\u4E00' and <= '\u9FFF'    // CJK unified ideographs
            or >= '\u3400' and <= '\u4DBF'  // extension A
            or >= '\uF900' and <= '\uFAFF'  // compatibility ideographs
            or >= '\u3040' and <= '\u30FF'  // hiragana, katakana
            or >= '\uAC00' and <= '\uD7AF'; // hangul syllables
}
