namespace Portal.Features.Shifts;

/// <summary>One person on one shift; <see cref="Start"/>/<see cref="End"/> in UTC. <see cref="IsOff"/>: a holiday or their leave cancels it.</summary>
public sealed record ShiftAssignmentDto(
    Guid Id, string UserId, string UserName, Guid TemplateId, string TemplateName, string Color, DateOnly Date,
    DateTime Start, DateTime End, bool IsOff);

/// <summary>A holiday (no user) or one person's leave.</summary>
public sealed record ShiftExceptionDto(Guid Id, DateOnly Date, string? UserId, string? UserName, ShiftExceptionKind Kind, string Note);

/// <summary>Someone who can be put on shifts (a row of the schedule grid).</summary>
public sealed record SchedulePerson(string Id, string Name, string Email, bool IsActive);

/// <summary>The schedule from <see cref="From"/> to <see cref="To"/> (dates the shifts start on).</summary>
public sealed record ScheduleDto(
    DateOnly From, DateOnly To, IReadOnlyList<SchedulePerson> People, IReadOnlyList<ShiftAssignmentDto> Assignments,
    IReadOnlyList<ShiftExceptionDto> Exceptions);

/// <summary>How many assignments a copy or a fill made, and how many it left out (already there, or clashing).</summary>
public sealed record ScheduleChange(int Added, int Skipped);
