namespace Portal.Features.Team;

/// <summary>Input an admin gave that Portal refuses, with a message per field (shown in the UI and as problem+json).</summary>
public sealed class TeamValidationException(Dictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public Dictionary<string, string[]> Errors { get; } = errors;

    public static TeamValidationException For(string field, string message) => new(new() { [field] = [message] });
}
