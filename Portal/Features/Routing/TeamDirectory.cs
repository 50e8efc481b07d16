using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Team;

namespace Portal.Features.Routing;

public sealed record SupportTeamDto(Guid Id, string Name, string Description, RoutingMode Mode, IReadOnlyList<string> MemberIds);

public sealed record SupportTeamInput(string? Name, string? Description, RoutingMode Mode = RoutingMode.Balanced, IReadOnlyList<string>? MemberIds = null);

/// <summary>Teams (pre-sales, after-sales, …), their members and how each routes.</summary>
public sealed class TeamDirectory(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit)
{
    public async Task<IReadOnlyList<SupportTeamDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var members = await db.TeamMembers.AsNoTracking().ToListAsync(cancellationToken);
        return teams.ConvertAll(t => new SupportTeamDto(t.Id, t.Name, t.Description, t.Mode,
            members.Where(m => m.TeamId == t.Id).Select(m => m.UserId).Order().ToList()));
    }

    public async Task<SupportTeamDto> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(t => t.Id == id)
        ?? throw new TeamNotFoundException($"There is no team with id {id}.");

    public async Task<SupportTeamDto> SaveAsync(Guid? id, SupportTeamInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var name = input.Name?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (name.Length is 0 or > 100)
            errors["name"] = ["A team needs a name of at most 100 characters."];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Teams.AnyAsync(t => t.Name == name && t.Id != id, cancellationToken))
            errors["name"] = [$"There is already a team named {name}."];
        var memberIds = (input.MemberIds ?? []).Distinct().ToList();
        var known = await db.Users.Where(u => memberIds.Contains(u.Id)).Select(u => new { u.Id, u.IsActive }).ToListAsync(cancellationToken);
        if (known.Count != memberIds.Count)
            errors["memberIds"] = ["Some members are not people of this Portal."];
        else if (known.Any(u => !u.IsActive))
            errors["memberIds"] = ["Deactivated people cannot join a team."];
        if (errors.Count > 0)
            throw new TeamValidationException(errors);

        var before = id is { } changing ? await FindAsync(changing, cancellationToken) : null;
        Guid teamId;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            var team = id is { } existing
                ? await db.Teams.FirstOrDefaultAsync(t => t.Id == existing, cancellationToken) ?? throw new TeamNotFoundException($"There is no team with id {existing}.")
                : db.Teams.Add(new SupportTeam { Name = name }).Entity;
            (team.Name, team.Description, team.Mode) = (name, input.Description?.Trim() ?? "", input.Mode);
            db.TeamMembers.RemoveRange(db.TeamMembers.Where(m => m.TeamId == team.Id));
            db.TeamMembers.AddRange(memberIds.Select(userId => new TeamMember { TeamId = team.Id, UserId = userId }));
            await db.SaveChangesAsync(cancellationToken);
            teamId = team.Id;
        }
        var after = await FindAsync(teamId, cancellationToken);
        await audit.RecordAsync(actor, before is null ? "team.created" : "team.changed", $"team:{after.Name}", before, after, cancellationToken);
        return after;
    }

    public async Task<SupportTeamDto> DeleteAsync(Guid id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var team = await FindAsync(id, cancellationToken);
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Its waiting conversations fall back to the shared queue (the foreign key sets TeamId to null).
            await db.Teams.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);
        }
        await audit.RecordAsync(actor, "team.deleted", $"team:{team.Name}", team, null, cancellationToken);
        return team;
    }
}
