namespace Portal.Features.Conversations;

/// <summary>What a message must look like before it is stored; shared by the API and both hubs.</summary>
public static class MessageRules
{
    public const int MaxClientMessageIdLength = 100;

    /// <summary>Returns the problems with a message as a validation map, or null when it may be stored.</summary>
    public static Dictionary<string, string[]>? Validate(string? text, string? clientMessageId)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(text))
            errors["text"] = ["The message is empty."];
        else if (text.Length > Message.MaxTextLength)
            errors["text"] = [$"The message is {text.Length} characters long; the limit is {Message.MaxTextLength}."];
        if (clientMessageId is { Length: > MaxClientMessageIdLength })
            errors["clientMessageId"] = [$"clientMessageId may be at most {MaxClientMessageIdLength} characters."];
        else if (clientMessageId is not null && string.IsNullOrWhiteSpace(clientMessageId))
            errors["clientMessageId"] = ["clientMessageId may not be blank."];
        return errors.Count == 0 ? null : errors;
    }

    public static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.SelectMany(e => e.Value));
}
