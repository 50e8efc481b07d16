using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace Portal.Features.Bot.Dialogue;

/// <summary>
/// The embedded bot's replies per intent and locale (<c>Data/replies.json</c>), with <c>{name}</c> placeholders.
/// Every key has all three locales; a test checks it.
/// </summary>
public static class ReplyTemplates
{
    private static readonly Lazy<FrozenDictionary<string, Dictionary<string, string>>> Shipped = new(Load);

    public static IEnumerable<string> Keys => Shipped.Value.Keys;

    public static bool Has(string key) => Shipped.Value.ContainsKey(key);

    /// <summary>The template for <paramref name="key"/> in <paramref name="locale"/> (Simplified when the locale is unknown) with the values filled in.</summary>
    /// <exception cref="KeyNotFoundException">There is no such template.</exception>
    public static string Render(string key, string locale, params (string Name, string Value)[] values)
    {
        var byLocale = Shipped.Value[key];
        var text = new StringBuilder(byLocale.GetValueOrDefault(locale) ?? byLocale[ReplyLocales.Simplified]);
        foreach (var (name, value) in values)
            text.Replace("{" + name + "}", value);
        return text.ToString();
    }

    private static FrozenDictionary<string, Dictionary<string, string>> Load()
    {
        using var stream = typeof(ReplyTemplates).Assembly.GetManifestResourceStream("Portal.Bot.replies.json")
            ?? throw new InvalidOperationException("The embedded resource Portal.Bot.replies.json is missing.");
        return (JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("Portal.Bot.replies.json is empty.")).ToFrozenDictionary();
    }
}
