using System.Collections.Frozen;
using System.Text;

namespace Portal.Features.Bot.Understanding;

/// <summary>
/// Traditional → Simplified Chinese from the OpenCC dictionaries shipped as <c>Data/t2s.txt</c>
/// (regenerate with <c>tools/bot/generate-t2s.mjs</c>): the longest known phrase first, then character by character.
/// </summary>
public static class ChineseScript
{
    private static readonly Lazy<Mapping> Shared = new(Mapping.LoadEmbedded);

    /// <summary>The text in Simplified Chinese; anything that is not Traditional Chinese is left as it is.</summary>
    public static string ToSimplified(string text) => Shared.Value.Convert(text);

    /// <summary>A Chinese character (CJK unified ideographs and extension A).</summary>
    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>
    /// Whether the text has a character only Simplified writes (订 for 訂); characters both scripts use (后, 里) do not count.
    /// </summary>
    public static bool HasSimplifiedOnlyCharacters(string text) => text.Any(Shared.Value.SimplifiedOnly.Contains);

    /// <summary>
    /// Whether the text has a character only Traditional writes (訂 for 订); a variant the table folds that Simplified
    /// writes too (么) does not count.
    /// </summary>
    public static bool HasTraditionalOnlyCharacters(string text) => text.Any(Shared.Value.TraditionalOnly.Contains);

    private sealed class Mapping(FrozenDictionary<string, string> phrases, FrozenDictionary<char, string> characters, int longestPhrase)
    {
        /// <summary>Characters Traditional maps to and never writes itself (they are not Traditional characters of the table).</summary>
        public FrozenSet<char> SimplifiedOnly { get; } = characters
            .Where(c => c.Value.Length == 1 && c.Value[0] != c.Key && !characters.ContainsKey(c.Value[0]))
            .Select(c => c.Value[0]).ToFrozenSet();

        /// <summary>Characters the table converts that are not themselves what some other character converts to.</summary>
        public FrozenSet<char> TraditionalOnly { get; } = characters.Keys
            .Except(characters.Values.Where(v => v.Length == 1).Select(v => v[0])).ToFrozenSet();

        private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup =
            phrases.GetAlternateLookup<ReadOnlySpan<char>>();

        public static Mapping LoadEmbedded()
        {
            using var stream = typeof(ChineseScript).Assembly.GetManifestResourceStream("Portal.Bot.t2s.txt")
                ?? throw new InvalidOperationException("The embedded resource Portal.Bot.t2s.txt is missing.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
            var characters = new Dictionary<char, string>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                    continue;
                var tab = line.IndexOf('\t');
                var (traditional, simplified) = (line[..tab], line[(tab + 1)..]);
                // Characters outside the Basic Multilingual Plane are rare enough in shoppers' messages to go by phrase lookup.
                if (traditional.Length == 1)
                    characters[traditional[0]] = simplified;
                else
                    phrases[traditional] = simplified;
            }
            return new Mapping(phrases.ToFrozenDictionary(StringComparer.Ordinal), characters.ToFrozenDictionary(),
                phrases.Keys.Max(p => p.Length));
        }

        public string Convert(string text)
        {
            StringBuilder? converted = null;
            var position = 0;
            while (position < text.Length)
            {
                var (length, replacement) = Match(text.AsSpan(position));
                if (replacement is null)
                {
                    converted?.Append(text, position, length);
                }
                else
                {
                    converted ??= new StringBuilder(text.Length).Append(text, 0, position);
                    converted.Append(replacement);
                }
                position += length;
            }
            return converted?.ToString() ?? text;
        }

        private (int Length, string? Replacement) Match(ReadOnlySpan<char> rest)
        {
            if (rest[0] < '\u2E80')
                return (1, null);
            for (var length = Math.Min(longestPhrase, rest.Length); length >= 2; length--)
            {
                if (_phraseLookup.TryGetValue(rest[..length], out var phrase))
                    return (length, phrase);
            }
            return characters.TryGetValue(rest[0], out var character) ? (1, character) : (1, null);
        }
    }
}
