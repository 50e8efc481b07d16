namespace Portal.Features.Shifts;

/// <summary>One person working one shift: <see cref="Start"/> and <see cref="End"/> in UTC.</summary>
public sealed record ShiftOccurrence(string UserId, Guid TemplateId, string TemplateName, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Covers(DateTimeOffset at, TimeSpan grace = default) => Start - grace <= at && at < End + grace;

    public bool Overlaps(ShiftOccurrence other) => Start < other.End && other.Start < End;
}
