using System.Text;

namespace Portal.Features.Bot.Training;

/// <summary>The rows of an imported CSV, or what is wrong with it line by line (then nothing may be imported).</summary>
public sealed record IntentCsvReadResult(IReadOnlyList<(int Line, IntentExample Example)> Rows, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Reads imported and writes exported training examples in the shipped dataset's form, <c>text,intent,locale,split</c>.</summary>
public static class IntentCsv
{
    public const string Header = "text,intent,locale,split";

    public static readonly IReadOnlyList<string> Locales = ["zh-Hans", "zh-Hant", "en"];

    /// <summary>Enough errors to fix a file by; a file with more is not worth listing in full.</summary>
    private const int MaxErrors = 100;

    /// <summary>Every row, or the errors keyed <c>line N</c> (the header is line 1). Blank lines are ignored.</summary>
    public static IntentCsvReadResult Read(TextReader reader)
    {
        var rows = new List<(int, IntentExample)>();
        var errors = new Dictionary<string, string[]>();
        if (reader.ReadLine()?.Trim() is not Header)
            return new IntentCsvReadResult([], new Dictionary<string, string[]> { ["line 1"] = [$"The first line must be the header {Header}."] });
        var lineNumber = 1;
        while (reader.ReadLine() is { } line && errors.Count < MaxErrors)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            var fields = IntentDataset.SplitFields(line);
            if (Problem(fields) is { } problem)
                errors[$"line {lineNumber}"] = [problem];
            else
                rows.Add((lineNumber, new IntentExample(fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim() == "test")));
        }
        return new IntentCsvReadResult(rows, errors);
    }

    public static async Task WriteAsync(TextWriter writer, IEnumerable<IntentExample> examples, CancellationToken ct = default)
    {
        await writer.WriteLineAsync(Header.AsMemory(), ct);
        foreach (var example in examples)
            await writer.WriteLineAsync(Line(example).AsMemory(), ct);
    }

    /// <summary>One line; line breaks in the text become spaces, since a line is a row.</summary>
    private static string Line(IntentExample example) =>
        $"{Field(example.Text.ReplaceLineEndings(" "))},{example.Intent},{example.Locale},{(example.IsHeldOut ? "test" : "train")}";

    private static string? Problem(List<string> fields)
    {
        if (fields.Count != 4)
            return $"Expected 4 fields (text,intent,locale,split), found {fields.Count}; quote a text that contains a comma.";
        var (text, intent, locale, split) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim());
        if (text.Length == 0)
            return "The text is empty.";
        if (text.Length > BotApi.MaxTextLength)
            return $"The text is longer than {BotApi.MaxTextLength} characters.";
        if (!Intents.All.Contains(intent))
            return $"'{intent}' is not an intent; use one of {string.Join(", ", Intents.All)}.";
        if (!Locales.Contains(locale))
            return $"'{locale}' is not a locale; use one of {string.Join(", ", Locales)}.";
        if (split is not ("train" or "test"))
            return $"'{split}' is not a split; use train (or test for the shipped held-out rows, which are skipped).";
        return null;
    }

    private static string Field(string text) =>
        text.IndexOfAny([',', '"']) < 0 && text.Trim() == text ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
