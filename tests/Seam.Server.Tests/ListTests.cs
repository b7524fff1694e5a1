using System.Net;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests;

/// <summary>Paging, filtering and sorting. Each test works in a site of its own so that its counts are exact.</summary>
public abstract class ListTests(SeamServerFixture server)
{
    private readonly HttpClient admin = server.Client(server.AdminToken);

    [Fact]
    public async Task Pages_carry_the_total_and_the_requested_slice_in_a_stable_order()
    {
        var site = await NewSiteAsync();
        for (var i = 0; i < 7; i++)
        {
            await admin.Post("/api/v1/assets", new { id = $"{site}-a{i}", siteId = site, name = $"Asset {i}" }).Expect(HttpStatusCode.Created);
        }

        var first = await admin.GetAsync($"/api/v1/assets?site={site}&pageSize=3").Expect(HttpStatusCode.OK);
        var third = await admin.GetAsync($"/api/v1/assets?site={site}&pageSize=3&page=3").Expect(HttpStatusCode.OK);
        var beyond = await admin.GetAsync($"/api/v1/assets?site={site}&pageSize=3&page=9").Expect(HttpStatusCode.OK);
        Assert.Equal(7, first.GetProperty("total").GetInt32());
        Assert.Equal(3, first.GetProperty("pageSize").GetInt32());
        Assert.Equal([$"{site}-a0", $"{site}-a1", $"{site}-a2"], first.Ids());
        Assert.Equal([$"{site}-a6"], third.Ids());
        Assert.Empty(beyond.Ids());
        Assert.Equal(7, beyond.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Assets_filter_by_text_kind_level_owner_crown_jewel_safety_and_criticality()
    {
        var site = await NewSiteAsync();
        var cell = $"{site}-cell";
        var ops = $"{site}-ops";
        await admin.Post("/api/v1/zones", new { id = cell, siteId = site, name = "Cell", level = "1", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/zones", new { id = ops, siteId = site, name = "Ops", level = "3", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { id = $"{site}-sis", siteId = site, zoneId = cell, name = "Burner SIS", kind = "SIS", vendor = "Triconex", ownerTeamId = "ot", criticality = 5, safetyRelevant = true, isCrownJewel = true, addresses = new[] { "192.168.7.20" } }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { id = $"{site}-plc", siteId = site, zoneId = cell, name = "Mixer PLC", kind = "plc", vendor = "Rockwell", ownerTeamId = "ot", criticality = 4 }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { id = $"{site}-hist", siteId = site, zoneId = ops, name = "Historian", kind = "historian", vendor = "AVEVA", criticality = 2 }).Expect(HttpStatusCode.Created);

        async Task<IEnumerable<string>> Ids(string filter) =>
            (await admin.GetAsync($"/api/v1/assets?site={site}&sort=id&{filter}").Expect(HttpStatusCode.OK)).Ids();

        Assert.Equal([$"{site}-sis"], await Ids("q=trICONex"));
        Assert.Equal([$"{site}-sis"], await Ids("q=192.168.7"));
        Assert.Equal([$"{site}-plc"], await Ids("q=mixer"));
        Assert.Empty(await Ids("q=50%25"));
        Assert.Equal([$"{site}-sis"], await Ids("kind=safety-controller"));
        Assert.Equal([$"{site}-hist"], await Ids("level=3"));
        Assert.Equal([$"{site}-plc", $"{site}-sis"], await Ids("level=L1"));
        Assert.Equal([$"{site}-plc", $"{site}-sis"], await Ids("owner=ot"));
        Assert.Equal([$"{site}-hist"], await Ids("hasOwner=false"));
        Assert.Equal([$"{site}-sis"], await Ids("crownJewel=true"));
        Assert.Equal([$"{site}-hist", $"{site}-plc"], await Ids("safety=false"));
        Assert.Equal([$"{site}-plc", $"{site}-sis"], await Ids("minCriticality=4"));
        Assert.Equal([$"{site}-plc"], await Ids("zone=" + cell + "&minCriticality=4&crownJewel=false"));
    }

    [Fact]
    public async Task Assets_sort_by_whitelisted_fields_in_either_direction()
    {
        var site = await NewSiteAsync();
        await admin.Post("/api/v1/assets", new { id = $"{site}-1", siteId = site, name = "Bravo", criticality = 2 }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { id = $"{site}-2", siteId = site, name = "alpha", criticality = 5 }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { id = $"{site}-3", siteId = site, name = "Charlie", criticality = 3 }).Expect(HttpStatusCode.Created);

        var byCriticality = await admin.GetAsync($"/api/v1/assets?site={site}&sort=-criticality").Expect(HttpStatusCode.OK);
        Assert.Equal([$"{site}-2", $"{site}-3", $"{site}-1"], byCriticality.Ids());
        var byIdDescending = await admin.GetAsync($"/api/v1/assets?site={site}&sort=-id").Expect(HttpStatusCode.OK);
        Assert.Equal([$"{site}-3", $"{site}-2", $"{site}-1"], byIdDescending.Ids());
    }

    [Fact]
    public async Task Other_lists_filter_and_sort_too()
    {
        var site = await NewSiteAsync();
        await admin.Post("/api/v1/zones", new { id = $"{site}-z1", siteId = site, name = "Zulu", level = "2" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/zones", new { id = $"{site}-z2", siteId = site, name = "Alpha", level = "3.5" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/conduits", new { id = $"{site}-c", siteId = site, fromZoneId = $"{site}-z1", toZoneId = $"{site}-z2", services = new[] { "https" } }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/entry-points", new { id = $"{site}-e", siteId = site, name = "USB", kind = "removable-media", zoneId = $"{site}-z1" }).Expect(HttpStatusCode.Created);

        Assert.Equal([$"{site}-z2", $"{site}-z1"], (await admin.GetAsync($"/api/v1/zones?site={site}").Expect(HttpStatusCode.OK)).Ids());
        Assert.Equal([$"{site}-z1", $"{site}-z2"], (await admin.GetAsync($"/api/v1/zones?site={site}&sort=level").Expect(HttpStatusCode.OK)).Ids());
        Assert.Equal([$"{site}-z2"], (await admin.GetAsync($"/api/v1/zones?site={site}&level=dmz").Expect(HttpStatusCode.OK)).Ids());
        Assert.Equal([$"{site}-c"], (await admin.GetAsync($"/api/v1/conduits?zone={site}-z2").Expect(HttpStatusCode.OK)).Ids());
        Assert.Equal([$"{site}-e"], (await admin.GetAsync($"/api/v1/entry-points?site={site}&kind=removable-media").Expect(HttpStatusCode.OK)).Ids());
        Assert.Contains(site, (await admin.GetAsync($"/api/v1/sites?q={site}").Expect(HttpStatusCode.OK)).Ids());
        Assert.Contains("ot", (await admin.GetAsync("/api/v1/teams?side=ot").Expect(HttpStatusCode.OK)).Ids());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("sort=password", "sort")]
    [InlineData("sort=-", "sort")]
    [InlineData("kind=toaster", "kind")]
    [InlineData("level=7", "level")]
    [InlineData("minCriticality=9", "minCriticality")]
    public async Task Bad_query_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        var problem = await admin.GetAsync("/api/v1/assets?" + query).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_is_400_problem_details()
    {
        await admin.GetAsync("/api/v1/assets?pageSize=lots").ExpectProblem(HttpStatusCode.BadRequest);
        await admin.GetAsync("/api/v1/zones?sort=owner").ExpectProblem(HttpStatusCode.BadRequest);
        await admin.GetAsync("/api/v1/inventory/problems?severity=fatal").ExpectProblem(HttpStatusCode.BadRequest);
    }

    private async Task<string> NewSiteAsync()
    {
        var site = NewId("site");
        await admin.Post("/api/v1/sites", new { id = site, name = "Site " + site }).Expect(HttpStatusCode.Created);
        return site;
    }
}

public sealed class ListTestsOnSqlite(SeamServerFixture server) : ListTests(server), IClassFixture<SeamServerFixture>;

public sealed class ListTestsOnPostgres(PostgresSeamServerFixture server) : ListTests(server), IClassFixture<PostgresSeamServerFixture>;
