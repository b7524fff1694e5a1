using System.Net;
using Seam.Access;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests;

/// <summary>Roles held on one site: reads show only that site, writes elsewhere are refused.</summary>
public abstract class SiteScopeTests(SeamServerFixture server)
{
    private readonly HttpClient admin = server.Client(server.AdminToken);
    private readonly HttpClient northEngineer = server.Client(server.NorthEngineerToken);

    [Fact]
    public async Task A_site_engineer_writes_in_their_site_but_not_in_another()
    {
        var own = NewId("north-plc");
        await northEngineer.Post("/api/v1/assets", new { id = own, siteId = "north", zoneId = "north-cell", name = "PLC", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);

        var problem = await northEngineer.Post("/api/v1/assets", new { siteId = "south", zoneId = "south-cell", name = "PLC", ownerTeamId = "ot" })
            .ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("'south'", problem.Str("detail"));

        var southAsset = NewId("south-plc");
        await admin.Post("/api/v1/assets", new { id = southAsset, siteId = "south", zoneId = "south-cell", name = "PLC", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await northEngineer.Put($"/api/v1/assets/{southAsset}", new { siteId = "south", name = "Renamed" }).ExpectProblem(HttpStatusCode.NotFound);
        await northEngineer.DeleteAsync($"/api/v1/assets/{southAsset}").ExpectProblem(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/assets/{southAsset}").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Moving_an_asset_between_sites_needs_engineer_on_both()
    {
        var id = NewId("mover");
        await northEngineer.Post("/api/v1/assets", new { id, siteId = "north", name = "Laptop", kind = "workstation", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await northEngineer.Put($"/api/v1/assets/{id}", new { siteId = "south", name = "Laptop", kind = "workstation", ownerTeamId = "ot" })
            .ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal("north", (await admin.GetAsync($"/api/v1/assets/{id}").Expect(HttpStatusCode.OK)).Str("siteId"));

        var both = server.Client(await server.CreateUserAsync(NewId("both"), (Role.Engineer, "north"), (Role.Engineer, "south")));
        await both.Put($"/api/v1/assets/{id}", new { siteId = "south", name = "Laptop", kind = "workstation", ownerTeamId = "ot" }).Expect(HttpStatusCode.OK);
        var audit = await admin.GetAsync($"/api/v1/audit?entityId={id}&action=update").Expect(HttpStatusCode.OK);
        Assert.Contains("moved from site 'north' to site 'south'", audit.GetProperty("items")[0].Str("summary"));
    }

    [Fact]
    public async Task A_site_engineer_sees_only_their_site_in_lists_and_lookups()
    {
        var southAsset = NewId("south-hmi");
        await admin.Post("/api/v1/assets", new { id = southAsset, siteId = "south", zoneId = "south-cell", name = "HMI", kind = "hmi", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);

        Assert.Equal(["north"], (await northEngineer.GetAsync("/api/v1/sites").Expect(HttpStatusCode.OK)).Ids());
        var zones = await northEngineer.GetAsync("/api/v1/zones?pageSize=500").Expect(HttpStatusCode.OK);
        Assert.All(zones.GetProperty("items").EnumerateArray(), z => Assert.Equal("north", z.Str("siteId")));
        var assets = await northEngineer.GetAsync("/api/v1/assets?pageSize=500").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(southAsset, assets.Ids());
        Assert.Equal(0, (await northEngineer.GetAsync("/api/v1/assets?site=south").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        await northEngineer.GetAsync($"/api/v1/assets/{southAsset}").ExpectProblem(HttpStatusCode.NotFound);
        await northEngineer.GetAsync("/api/v1/sites/south").ExpectProblem(HttpStatusCode.NotFound);

        var overview = await northEngineer.GetAsync("/api/v1/overview").Expect(HttpStatusCode.OK);
        Assert.All(overview.GetProperty("assetsBySite").EnumerateArray(), s => Assert.Equal("north", s.Str("siteId")));
        var problems = await northEngineer.GetAsync("/api/v1/inventory/problems?pageSize=500").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(problems.GetProperty("items").EnumerateArray(), p => p.GetProperty("siteId").GetString() == "south");
    }

    [Fact]
    public async Task Teams_shared_by_every_site_need_engineer_on_every_site()
    {
        var problem = await northEngineer.Post("/api/v1/teams", new { name = "Contractors", side = "vendor" }).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("every site", problem.Str("detail"));
        await admin.Post("/api/v1/teams", new { name = "Contractors", side = "vendor" }).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_site_approver_reads_the_audit_of_their_site_only_and_engineers_not_at_all()
    {
        var south = NewId("south-sw");
        await admin.Post("/api/v1/assets", new { id = south, siteId = "south", name = "Switch", kind = "switch", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        var north = NewId("north-sw");
        await admin.Post("/api/v1/assets", new { id = north, siteId = "north", name = "Switch", kind = "switch", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);

        var approver = server.Client(server.NorthApproverToken);
        var entries = await approver.GetAsync("/api/v1/audit?pageSize=500").Expect(HttpStatusCode.OK);
        Assert.Contains(north, entries.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entityId").GetString()));
        Assert.All(entries.GetProperty("items").EnumerateArray(), e => Assert.Equal("north", e.Str("siteId")));

        await northEngineer.GetAsync("/api/v1/audit").ExpectProblem(HttpStatusCode.Forbidden);
        await server.Client(server.ViewerToken).GetAsync("/api/v1/audit").ExpectProblem(HttpStatusCode.Forbidden);
    }
}

public sealed class SiteScopeTestsOnSqlite(SeamServerFixture server) : SiteScopeTests(server), IClassFixture<SeamServerFixture>;

public sealed class SiteScopeTestsOnPostgres(PostgresSeamServerFixture server) : SiteScopeTests(server), IClassFixture<PostgresSeamServerFixture>;
