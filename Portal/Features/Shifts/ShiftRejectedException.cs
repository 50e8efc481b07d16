namespace Portal.Features.Shifts;

/// <summary>A shift change broke a rule; <see cref="Errors"/> says which field and why (the API's validation problem).</summary>
public sealed class ShiftRejectedException(Dictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public Dictionary<string, string[]> Errors { get; } = errors;

    public ShiftRejectedException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }
}

/// <summary>The template, assignment or exception does not exist.</summary>
public sealed class ShiftNotFoundException(string what, Guid id) : Exception($"There is no {what} with id {id}.");
