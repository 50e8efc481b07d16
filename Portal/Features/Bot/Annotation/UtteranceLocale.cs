using Portal.Features.Bot.Understanding;

namespace Portal.Features.Bot.Annotation;

/// <summary>The locale of a customer's message for the training CSV: Chinese in Traditional or Simplified script, or English.</summary>
public static class UtteranceLocale
{
    public static string Of(string text)
    {
        if (!text.Any(IsHan))
            return "en";
        // Text with a character that has a Simplified form is Traditional; characters common to both say nothing.
        return ChineseScript.ToSimplified(text) == text ? "zh-Hans" : "zh-Hant";
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
