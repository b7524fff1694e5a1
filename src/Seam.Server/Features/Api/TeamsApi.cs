using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Storage;

namespace Seam.Server.Features.Api;

public sealed class TeamListQuery : ListQuery
{
    /// <summary>Text found in the id, name or e-mail.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    /// <summary>it, ot, joint or vendor.</summary>
    [FromQuery(Name = "side")]
    public string? Side { get; set; }
}

public sealed class PersonListQuery : ListQuery
{
    /// <summary>Text found in the id, name, e-mail or title.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    /// <summary>Only people of this team.</summary>
    [FromQuery(Name = "team")]
    public string? Team { get; set; }
}

/// <summary>Teams and people belong to no site: every signed-in user sees them, writes need engineer on every site.</summary>
internal static class TeamsApi
{
    private static readonly SortFields<Team> TeamSorts = new SortFields<Team>(t => t.Id, "name")
        .Add("name", t => t.Name)
        .Add("side", t => t.Side);

    private static readonly SortFields<Person> PersonSorts = new SortFields<Person>(p => p.Id, "name")
        .Add("name", p => p.Name)
        .Add("team", p => p.TeamId);

    public static readonly InventoryResource<Team, TeamInput, TeamDto> Teams = new()
    {
        Noun = "team",
        AuditType = "team",
        Entity = InventoryEntity.Team,
        Id = t => t.Id,
        Site = _ => null,
        FromInput = (input, id, errors) => input.ToTeam(id, errors),
        ToDto = t => t.ToDto(),
        Check = (_, t, _) => InventoryChecks.CheckAsync(t),
        DeleteBlocker = async (db, t, ct) =>
        {
            var assets = await db.Assets.CountAsync(a => a.OwnerTeamId == t.Id || a.MaintainerTeamId == t.Id, ct);
            var zones = await db.Zones.CountAsync(z => z.OwnerTeamId == t.Id, ct);
            var people = await db.People.CountAsync(p => p.TeamId == t.Id, ct);
            var held = new[] { SitesApi.Count(assets, "asset"), SitesApi.Count(zones, "zone"), SitesApi.Count(people, "person") }.OfType<string>().ToList();
            return held.Count == 0 ? null
                : $"Team '{t.Name}' still owns or maintains {string.Join(", ", held)}; deleting it would leave them without an owner. Hand them to another team first.";
        },
    };

    public static readonly InventoryResource<Person, PersonInput, PersonDto> People = new()
    {
        Noun = "person",
        AuditType = "person",
        Entity = InventoryEntity.Person,
        Id = p => p.Id,
        Site = _ => null,
        FromInput = (input, id, errors) => input.ToPerson(id, errors),
        ToDto = p => p.ToDto(),
        Check = (checks, p, ct) => checks.CheckAsync(p, ct),
    };

    public static void Map(RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("/", ListTeamsAsync).WithName("ListTeams").WithSummary("Teams (shared by every site)");
        Teams.Map(teams, "Team");

        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("/", ListPeopleAsync).WithName("ListPeople").WithSummary("People (shared by every site)");
        People.Map(people, "Person");
    }

    private static async Task<Results<Ok<Paged<TeamDto>>, ValidationProblem>> ListTeamsAsync(
        [AsParameters] TeamListQuery query, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        IQueryable<Team> teams = db.Teams.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Side))
        {
            if (EnumText.TryParse<TeamSide>(query.Side, out var side))
            {
                teams = teams.Where(t => t.Side == side);
            }
            else
            {
                errors.Add("side", $"'{query.Side}' is not one of {EnumText.Expected<TeamSide>()}.");
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var p = "%" + AssetSearch.EscapeLike(query.Q.Trim()) + "%";
            teams = teams.Where(t => EF.Functions.Like(t.Id, p, "\\") || EF.Functions.Like(t.Name, p, "\\") || EF.Functions.Like(t.Email!, p, "\\"));
        }

        var sorted = TeamSorts.Apply(teams, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        return TypedResults.Ok((await query.ToPageAsync(teams, sorted, t => t, ct)).Map(t => t.ToDto()));
    }

    private static async Task<Results<Ok<Paged<PersonDto>>, ValidationProblem>> ListPeopleAsync(
        [AsParameters] PersonListQuery query, SeamDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        query.CheckPaging(errors);
        IQueryable<Person> people = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            people = people.Where(p => p.TeamId == query.Team);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = "%" + AssetSearch.EscapeLike(query.Q.Trim()) + "%";
            people = people.Where(p => EF.Functions.Like(p.Id, q, "\\") || EF.Functions.Like(p.Name, q, "\\")
                || EF.Functions.Like(p.Email!, q, "\\") || EF.Functions.Like(p.Title!, q, "\\"));
        }

        var sorted = PersonSorts.Apply(people, query.Sort, errors);
        if (errors.Any || sorted is null)
        {
            return ApiProblems.BadQuery(errors);
        }

        return TypedResults.Ok((await query.ToPageAsync(people, sorted, p => p, ct)).Map(p => p.ToDto()));
    }
}
