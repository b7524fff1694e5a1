using System.Net;
using System.Text.Json;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests;

public abstract class InventoryWriteTests(SeamServerFixture server)
{
    private readonly HttpClient admin = server.Client(server.AdminToken);

    [Fact]
    public async Task An_asset_round_trips_through_create_get_replace_and_delete()
    {
        var id = NewId("plc");
        var created = await admin.Post("/api/v1/assets", new
        {
            id,
            siteId = "north",
            zoneId = "north-cell",
            name = "Filler PLC",
            kind = "PLC",
            vendor = "Siemens",
            product = "S7-1500",
            addresses = new[] { "10.1.1.10" },
            macAddresses = new[] { "00-1B-1B-12-34-56" },
            services = new[] { "s7", "modbus:tcp/502" },
            ownerTeamId = "ot",
            criticality = 5,
            safetyRelevant = false,
            isCrownJewel = true,
        }).Expect(HttpStatusCode.Created);
        var item = created.GetProperty("item");
        Assert.Equal("plc", item.Str("kind"));
        Assert.Equal(["s7:tcp/102", "modbus:tcp/502"], item.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("00:1b:1b:12:34:56", item.GetProperty("macAddresses")[0].GetString());

        using (var again = await admin.Post("/api/v1/sites", new { name = "Located" }))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            await admin.GetAsync(again.Headers.Location).Expect(HttpStatusCode.OK);
        }

        var fetched = await admin.GetAsync($"/api/v1/assets/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("Filler PLC", fetched.Str("name"));
        Assert.True(fetched.GetProperty("isCrownJewel").GetBoolean());

        var replaced = await admin.Put($"/api/v1/assets/{id}", new
        {
            siteId = "north",
            zoneId = "north-cell",
            name = "Filler PLC 2",
            kind = "plc",
            ownerTeamId = "ot",
            criticality = 4,
            addresses = new[] { "10.1.1.11" },
        }).Expect(HttpStatusCode.OK);
        Assert.Equal("Filler PLC 2", replaced.GetProperty("item").Str("name"));
        Assert.Equal(4, (await admin.GetAsync($"/api/v1/assets/{id}").Expect(HttpStatusCode.OK)).GetProperty("criticality").GetInt32());

        await admin.DeleteAsync($"/api/v1/assets/{id}").Expect(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/assets/{id}").ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Zones_conduits_entry_points_teams_and_people_round_trip()
    {
        var team = NewId("team");
        await admin.Post("/api/v1/teams", new { id = team, name = "Plant IT", side = "it" }).Expect(HttpStatusCode.Created);
        var person = NewId("person");
        await admin.Post("/api/v1/people", new { id = person, name = "Ada", teamId = team, title = "Network engineer" }).Expect(HttpStatusCode.Created);
        var dmz = NewId("dmz");
        var zone = await admin.Post("/api/v1/zones", new { id = dmz, siteId = "north", name = "IDMZ", level = "3.5", ownerTeamId = team, subnets = new[] { "10.1.35.0/24" } })
            .Expect(HttpStatusCode.Created);
        Assert.Equal("3.5", zone.GetProperty("item").Str("level"));
        var conduit = NewId("conduit");
        await admin.Post("/api/v1/conduits", new { id = conduit, siteId = "north", fromZoneId = dmz, toZoneId = "north-cell", services = new[] { "opcua" }, direction = "one-way" })
            .Expect(HttpStatusCode.Created);
        var entry = NewId("entry");
        await admin.Post("/api/v1/entry-points", new { id = entry, siteId = "north", name = "Vendor VPN", kind = "vendor-remote-access", zoneId = dmz, mfaRequired = true, availability = "on-demand" })
            .Expect(HttpStatusCode.Created);

        Assert.Equal("it", (await admin.GetAsync($"/api/v1/teams/{team}").Expect(HttpStatusCode.OK)).Str("side"));
        Assert.Equal(team, (await admin.GetAsync($"/api/v1/people/{person}").Expect(HttpStatusCode.OK)).Str("teamId"));
        Assert.Equal("one-way", (await admin.GetAsync($"/api/v1/conduits/{conduit}").Expect(HttpStatusCode.OK)).Str("direction"));
        Assert.Equal("vendor-remote-access", (await admin.GetAsync($"/api/v1/entry-points/{entry}").Expect(HttpStatusCode.OK)).Str("kind"));

        await admin.Put($"/api/v1/conduits/{conduit}", new { siteId = "north", fromZoneId = dmz, toZoneId = "north-cell", services = new[] { "opcua", "https" } })
            .Expect(HttpStatusCode.OK);
        Assert.Equal(2, (await admin.GetAsync($"/api/v1/conduits/{conduit}").Expect(HttpStatusCode.OK)).GetProperty("services").GetArrayLength());

        foreach (var path in new[] { $"entry-points/{entry}", $"conduits/{conduit}", $"zones/{dmz}", $"people/{person}", $"teams/{team}" })
        {
            await admin.DeleteAsync("/api/v1/" + path).Expect(HttpStatusCode.NoContent);
            await admin.GetAsync("/api/v1/" + path).ExpectProblem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_record_with_unknown_references_and_bad_values_is_refused_naming_each_field()
    {
        var problem = await admin.Post("/api/v1/assets", new
        {
            siteId = "north",
            zoneId = "no-such-zone",
            name = "HMI",
            kind = "toaster",
            services = new[] { "tcp/99999" },
            criticality = 9,
            addresses = new[] { "10.1.1.300" },
        }).ExpectProblem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("toaster", errors.GetProperty("kind")[0].GetString());
        Assert.Contains("99999", errors.GetProperty("services")[0].GetString());

        // Shape is fixed, meaning is checked next: the validator's rules, with the API's field names.
        problem = await admin.Post("/api/v1/assets", new { siteId = "north", zoneId = "no-such-zone", name = "HMI", criticality = 9, addresses = new[] { "10.1.1.300" } })
            .ExpectProblem(HttpStatusCode.BadRequest);
        errors = problem.GetProperty("errors");
        Assert.Equal("There is no zone with id 'no-such-zone'.", errors.GetProperty("zoneId")[0].GetString());
        Assert.Contains("outside 1 (low) to 5", errors.GetProperty("criticality")[0].GetString());
        Assert.Contains("10.1.1.300", errors.GetProperty("addresses")[0].GetString());

        problem = await admin.Post("/api/v1/zones", new { siteId = "north", name = "Cell", level = "7" }).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("3.5", problem.GetProperty("errors").GetProperty("level")[0].GetString());

        problem = await admin.Post("/api/v1/conduits", new { siteId = "north", fromZoneId = "north-cell", toZoneId = "north-cell" }).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("A conduit must join two different zones.", problem.GetProperty("errors").GetProperty("toZoneId")[0].GetString());
    }

    [Fact]
    public async Task Smells_are_stored_and_returned_with_the_write()
    {
        var asset = await admin.Post("/api/v1/assets", new { siteId = "north", name = "Unowned RTU", kind = "rtu", addresses = new[] { "10.9.9.9" } })
            .Expect(HttpStatusCode.Created);
        var codes = asset.GetProperty("problems").EnumerateArray().Select(p => p.Str("code")).ToList();
        Assert.Contains("asset-without-owner", codes);
        Assert.Contains("asset-without-zone", codes);
        var smell = asset.GetProperty("problems").EnumerateArray().First(p => p.Str("code") == "asset-without-owner");
        Assert.Equal("smell", smell.Str("severity"));
        Assert.False(string.IsNullOrEmpty(smell.Str("forIt")));
        Assert.False(string.IsNullOrEmpty(smell.Str("forOt")));
        await admin.GetAsync($"/api/v1/assets/{asset.GetProperty("item").Str("id")}").Expect(HttpStatusCode.OK);

        var office = NewId("office");
        await admin.Post("/api/v1/zones", new { id = office, siteId = "north", name = "Office", level = "4", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        var conduit = await admin.Post("/api/v1/conduits", new { siteId = "north", fromZoneId = office, toZoneId = "north-cell", services = new[] { "rdp" } })
            .Expect(HttpStatusCode.Created);
        Assert.Contains("conduit-bypasses-dmz", conduit.GetProperty("problems").EnumerateArray().Select(p => p.Str("code")));
    }

    [Fact]
    public async Task An_address_already_used_by_another_asset_is_flagged_on_the_new_one()
    {
        var first = NewId("a");
        await admin.Post("/api/v1/assets", new { id = first, siteId = "north", zoneId = "north-cell", name = "First", ownerTeamId = "ot", addresses = new[] { "10.1.1.77" } })
            .Expect(HttpStatusCode.Created);
        var second = await admin.Post("/api/v1/assets", new { siteId = "north", zoneId = "north-cell", name = "Second", ownerTeamId = "ot", addresses = new[] { "10.1.1.77" } })
            .Expect(HttpStatusCode.Created);
        var duplicate = Assert.Single(second.GetProperty("problems").EnumerateArray(), p => p.Str("code") == "duplicate-address");
        Assert.Contains(first, duplicate.Str("message"));
    }

    [Fact]
    public async Task Deleting_a_zone_that_still_holds_assets_is_a_conflict_and_deletes_nothing()
    {
        var zone = NewId("zone");
        await admin.Post("/api/v1/zones", new { id = zone, siteId = "north", name = "Packaging", level = "1", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        var asset = NewId("drive");
        await admin.Post("/api/v1/assets", new { id = asset, siteId = "north", zoneId = zone, name = "Drive", kind = "vfd", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);

        var problem = await admin.DeleteAsync($"/api/v1/zones/{zone}").ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("1 asset", problem.Str("detail"));
        await admin.GetAsync($"/api/v1/zones/{zone}").Expect(HttpStatusCode.OK);

        problem = await admin.DeleteAsync("/api/v1/sites/north").ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("zones", problem.Str("detail"));
        problem = await admin.DeleteAsync("/api/v1/teams/ot").ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("without an owner", problem.Str("detail"));

        await admin.DeleteAsync($"/api/v1/assets/{asset}").Expect(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/zones/{zone}").Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_asset_targeted_by_an_entry_point_cannot_be_deleted()
    {
        var asset = NewId("ews");
        await admin.Post("/api/v1/assets", new { id = asset, siteId = "north", zoneId = "north-cell", name = "EWS", kind = "EWS", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/entry-points", new { siteId = "north", name = "TeamViewer", kind = "vendor-remote-access", targetAssetIds = new[] { asset } })
            .Expect(HttpStatusCode.Created);
        var problem = await admin.DeleteAsync($"/api/v1/assets/{asset}").ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("TeamViewer", problem.Str("detail"));
    }

    [Fact]
    public async Task Creating_a_record_whose_id_exists_is_a_conflict()
    {
        var problem = await admin.Post("/api/v1/zones", new { id = "north-cell", siteId = "north", name = "Again", level = "1" }).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("north-cell", problem.Str("detail"));
    }

    [Fact]
    public async Task Unknown_ids_are_404_problem_details_on_every_verb()
    {
        var problem = await admin.GetAsync("/api/v1/assets/nope").ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal("There is no asset with id 'nope'.", problem.Str("detail"));
        await admin.Put("/api/v1/zones/nope", new { siteId = "north", name = "x", level = "1" }).ExpectProblem(HttpStatusCode.NotFound);
        await admin.DeleteAsync("/api/v1/entry-points/nope").ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_problem_without_internals()
    {
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        var problem = await admin.PostAsync("/api/v1/assets", content).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Exception", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_write_is_audited_with_who_and_the_record_before_and_after()
    {
        var id = NewId("hist");
        await admin.Post("/api/v1/assets", new { id, siteId = "north", name = "Historian", kind = "historian", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await admin.Put($"/api/v1/assets/{id}", new { siteId = "north", name = "Historian A", kind = "historian", ownerTeamId = "ot" }).Expect(HttpStatusCode.OK);
        await admin.DeleteAsync($"/api/v1/assets/{id}").Expect(HttpStatusCode.NoContent);

        var audit = await admin.GetAsync($"/api/v1/audit?entityType=asset&entityId={id}").Expect(HttpStatusCode.OK);
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["delete", "update", "create"], entries.Select(e => e.Str("action")));
        Assert.All(entries, e => Assert.Equal("admin", e.Str("actor")));
        Assert.All(entries, e => Assert.Equal("north", e.Str("siteId")));

        var (delete, update, create) = (entries[0], entries[1], entries[2]);
        Assert.Equal(JsonValueKind.Null, create.GetProperty("before").ValueKind);
        Assert.Equal("Historian", create.GetProperty("after").Str("name"));
        Assert.Equal("Historian", update.GetProperty("before").Str("name"));
        Assert.Equal("Historian A", update.GetProperty("after").Str("name"));
        Assert.Equal("Historian A", delete.GetProperty("before").Str("name"));
        Assert.Equal(JsonValueKind.Null, delete.GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task A_refused_write_leaves_no_audit_entry()
    {
        var id = NewId("bad");
        await admin.Post("/api/v1/assets", new { id, siteId = "north", name = "Bad", criticality = 0 }).ExpectProblem(HttpStatusCode.BadRequest);
        var audit = await admin.GetAsync($"/api/v1/audit?entityId={id}").Expect(HttpStatusCode.OK);
        Assert.Equal(0, audit.GetProperty("total").GetInt32());
    }
}

public sealed class InventoryWriteTestsOnSqlite(SeamServerFixture server) : InventoryWriteTests(server), IClassFixture<SeamServerFixture>;

public sealed class InventoryWriteTestsOnPostgres(PostgresSeamServerFixture server) : InventoryWriteTests(server), IClassFixture<PostgresSeamServerFixture>;
