using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Portal.Features.Bot.Understanding;

/// <summary>
/// Misspellings, chat shorthand and dialect words that shoppers type for the words the bot knows. Deliberately
/// small: only forms seen often in retail chats whose meaning is unambiguous; the classifier's character n-grams
/// absorb the rest. Applied to lower-case Simplified text.
/// </summary>
public static partial class SpellingVariants
{
    /// <summary>Whole Latin words and their standard spelling.</summary>
    public static readonly FrozenDictionary<string, string> EnglishWords = new Dictionary<string, string>
    {
        ["pls"] = "please", ["plz"] = "please", ["plis"] = "please", ["pleas"] = "please",
        ["u"] = "you", ["ur"] = "your", ["thx"] = "thanks", ["tks"] = "thanks",
        ["thnx"] = "thanks", ["ty"] = "thank you", ["wanna"] = "want to", ["gonna"] = "going to", ["asap"] = "as soon as possible",
        ["refud"] = "refund", ["refnd"] = "refund", ["refound"] = "refund", ["rifund"] = "refund", ["reufnd"] = "refund", ["refunt"] = "refund",
        ["recieve"] = "receive", ["recieved"] = "received", ["adress"] = "address", ["addres"] = "address",
        ["cancle"] = "cancel", ["cancell"] = "cancel", ["cancelation"] = "cancellation",
        ["exchage"] = "exchange", ["exhange"] = "exchange", ["invoce"] = "invoice", ["invioce"] = "invoice",
        ["shiping"] = "shipping", ["shippment"] = "shipment", ["delivary"] = "delivery", ["deliverd"] = "delivered",
        ["ordr"] = "order", ["oder"] = "order", ["pakage"] = "package", ["packege"] = "package", ["parcle"] = "parcel",
        ["discout"] = "discount", ["dicount"] = "discount", ["coupen"] = "coupon", ["payed"] = "paid",
        ["complain"] = "complaint", ["compliant"] = "complaint", ["agnet"] = "agent", ["hooman"] = "human",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Chinese dialect and internet spellings (Cantonese 咩/乜嘢/冇, 神马, 木有, 肿么…) and their standard form.</summary>
    public static readonly IReadOnlyList<(string Variant, string Standard)> ChineseWords =
    [
        ("乜嘢", "什么"), ("咩", "什么"), ("神马", "什么"), ("啥", "什么"), ("木有", "没有"), ("冇", "没有"),
        ("肿么", "怎么"), ("咋", "怎么"), ("介个", "这个"), ("酱紫", "这样子"),
    ];

    /// <summary>The text with every known variant replaced by its standard spelling.</summary>
    public static string Apply(string lowerCaseText)
    {
        var text = lowerCaseText;
        foreach (var (variant, standard) in ChineseWords)
            text = text.Replace(variant, standard, StringComparison.Ordinal);
        return LatinWord().Replace(text, word => EnglishWords.GetValueOrDefault(word.Value, word.Value));
    }

    [GeneratedRegex("[a-z]+")]
    private static partial Regex LatinWord();
}
