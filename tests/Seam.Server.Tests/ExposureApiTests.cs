using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Seam.Access;
using Seam.Intelligence.Demo;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests;

/// <summary>The exposure API through the real server: what it answers, who sees which site, and how a bad scenario is refused.</summary>
public abstract class ExposureApiTests(SeamServerFixture server)
{
    private readonly HttpClient admin = server.Client(server.AdminToken);
    private readonly HttpClient viewer = server.Client(server.ViewerToken);
    private readonly HttpClient northEngineer = server.Client(server.NorthEngineerToken);

    /// <summary>An enterprise-IT entry point landing in the site's cell and a crown-jewel PLC there that speaks Modbus: reachable and manipulable.</summary>
    private async Task<(string Entry, string Jewel)> ReachableJewelAsync(string site)
    {
        var jewel = NewId("plc");
        await admin.Post("/api/v1/assets", new
        {
            id = jewel,
            siteId = site,
            zoneId = site + "-cell",
            name = "Crown PLC " + jewel,
            kind = "plc",
            services = new[] { "modbus" },
            isCrownJewel = true,
            safetyRelevant = true,
            criticality = 5,
            ownerTeamId = "ot",
        }).Expect(HttpStatusCode.Created);
        var entry = NewId("ep");
        await admin.Post("/api/v1/entry-points", new
        {
            id = entry,
            siteId = site,
            name = "Office network " + entry,
            kind = "enterprise-it",
            zoneId = site + "-cell",
        }).Expect(HttpStatusCode.Created);
        return (entry, jewel);
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    [Fact]
    public async Task The_summary_shows_a_reachable_crown_jewel_with_both_paths_in_kebab_case()
    {
        var (entry, jewel) = await ReachableJewelAsync("north");

        var summary = await viewer.GetAsync("/api/v1/exposure").Expect(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Object, summary.GetProperty("overall").ValueKind);
        Assert.Equal("overall", summary.GetProperty("overall").Str("scope"));
        Assert.Contains(summary.GetProperty("sites").EnumerateArray(), s => s.Str("scopeId") == "north");
        var status = summary.GetProperty("crownJewels").EnumerateArray().Single(j => j.Str("assetId") == jewel);
        Assert.True(status.GetProperty("reachable").GetBoolean());
        Assert.True(status.GetProperty("manipulable").GetBoolean());
        Assert.Contains(entry, status.GetProperty("entryPointIds").EnumerateArray().Select(e => e.GetString()));
        var path = status.GetProperty("mostLikelyPath");
        Assert.Equal("can-manipulate-process", path.Str("outcome"));
        Assert.Equal("entry", path.GetProperty("hops")[0].Str("kind"));
        Assert.Equal(jewel, status.GetProperty("shortestPath").Str("targetAssetId"));
        Assert.False(string.IsNullOrWhiteSpace(status.Str("forOt")));
        Assert.Contains(summary.GetProperty("entryPoints").EnumerateArray(), e => e.Str("entryPointId") == entry && e.Str("kind") == "enterprise-it");
        Assert.True(summary.GetProperty("findings").TryGetProperty("reachableAndExploitable", out _));
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("chokePoints").GetProperty("elements").ValueKind);

        var detail = await viewer.GetAsync($"/api/v1/exposure/crown-jewels/{jewel}").Expect(HttpStatusCode.OK);
        Assert.Equal(jewel, detail.GetProperty("crownJewel").Str("assetId"));
        Assert.NotEqual("none", detail.GetProperty("exposure").Str("level"));
        await viewer.GetAsync("/api/v1/exposure/crown-jewels/no-such-asset").ExpectProblem(HttpStatusCode.NotFound);

        var critical = await viewer.GetAsync("/api/v1/exposure/assets?level=critical,high").Expect(HttpStatusCode.OK);
        Assert.All(critical.EnumerateArray(), a => Assert.Contains(a.GetProperty("exposure").Str("level"), new[] { "critical", "high" }));
        var problem = await viewer.GetAsync("/api/v1/exposure/assets?level=scary").ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("scary", problem.GetProperty("errors").GetProperty("level")[0].GetString());
    }

    [Fact]
    public async Task A_site_scoped_user_sees_only_their_site_s_rows()
    {
        var (northEntry, northJewel) = await ReachableJewelAsync("north");
        var (_, southJewel) = await ReachableJewelAsync("south");

        var summary = await northEngineer.GetAsync("/api/v1/exposure").Expect(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, summary.GetProperty("overall").ValueKind);
        Assert.All(summary.GetProperty("sites").EnumerateArray(), s => Assert.Equal("north", s.Str("scopeId")));
        Assert.All(summary.GetProperty("zones").EnumerateArray(), z => Assert.Equal("north-cell", z.Str("scopeId")));
        var jewels = summary.GetProperty("crownJewels").EnumerateArray().Select(j => j.Str("assetId")).ToList();
        Assert.Contains(northJewel, jewels);
        Assert.DoesNotContain(southJewel, jewels);
        Assert.Contains(summary.GetProperty("entryPoints").EnumerateArray(), e => e.Str("entryPointId") == northEntry);
        await northEngineer.GetAsync($"/api/v1/exposure/crown-jewels/{southJewel}").ExpectProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await northEngineer.GetAsync("/api/v1/exposure/assets").Expect(HttpStatusCode.OK)).EnumerateArray(),
            a => a.Str("siteId") == "south");

        Assert.Contains("every site", (await northEngineer.PostAsync("/api/v1/exposure/whatif", Yaml("name: x\nactions:\n  - isolate-asset: x\n"))
            .ExpectProblem(HttpStatusCode.Forbidden)).Str("detail"));
        await northEngineer.Post("/api/v1/exposure/plan", new { goal = "cut-crown-jewels" }).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Findings_carry_verdict_ssvc_and_best_path_and_are_filtered_and_scoped()
    {
        var (_, _) = await ReachableJewelAsync("north");
        var asset = NewId("opc");
        await admin.Post("/api/v1/assets", new
        {
            id = asset,
            siteId = "north",
            zoneId = "north-cell",
            name = "OPC server " + asset,
            kind = "server",
            vendor = "PTC",
            product = "Kepware KEPServerEX",
            version = "6.14",
            ownerTeamId = "ot",
        }).Expect(HttpStatusCode.Created);
        var advisory = DemoAdvisories.All().Single(a => a.Name.EndsWith("-005.json", StringComparison.Ordinal));
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(advisory.Content), "files", advisory.Name } })
        {
            await admin.PostAsync("/api/v1/advisories/import", form).Expect(HttpStatusCode.OK);
        }

        await admin.PostAsync("/api/v1/findings/refresh", null).Expect(HttpStatusCode.OK);

        var page = await viewer.GetAsync($"/api/v1/exposure/findings?asset={asset}").Expect(HttpStatusCode.OK);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("north", item.Str("siteId"));
        var exposure = item.GetProperty("exposure");
        Assert.Equal("CVE-2026-99006", exposure.Str("vulnerabilityId"));
        Assert.Contains(exposure.Str("verdict"), new[] { "reachable-and-exploitable", "theoretical" });
        Assert.False(string.IsNullOrWhiteSpace(exposure.Str("reason")));
        Assert.Contains(exposure.GetProperty("ssvc").Str("deployer"), new[] { "defer", "scheduled", "out-of-cycle", "immediate" });
        if (exposure.Str("verdict") == "reachable-and-exploitable")
        {
            Assert.Equal(asset, exposure.GetProperty("bestPath").Str("targetAssetId"));
        }

        var id = exposure.Str("findingId");
        Assert.Equal(id, (await viewer.GetAsync($"/api/v1/exposure/findings/{id}").Expect(HttpStatusCode.OK)).GetProperty("exposure").Str("findingId"));
        var southViewer = server.Client(await server.CreateUserAsync(NewId("south-viewer"), (Role.Viewer, "south")));
        await southViewer.GetAsync($"/api/v1/exposure/findings/{id}").ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(0, (await southViewer.GetAsync($"/api/v1/exposure/findings?asset={asset}").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        var closed = await viewer.GetAsync($"/api/v1/exposure/findings?asset={asset}&verdict=closed").Expect(HttpStatusCode.OK);
        Assert.Equal(0, closed.GetProperty("total").GetInt32());
        var bad = await viewer.GetAsync("/api/v1/exposure/findings?verdict=scary&limit=0").ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("verdict", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task A_what_if_answers_what_changes_and_a_bad_scenario_is_refused_with_its_line()
    {
        var (entry, jewel) = await ReachableJewelAsync("north");

        var yaml = $"name: Isolate the PLC\nactions:\n  - isolate-asset: {jewel}\n";
        var result = await admin.PostAsync("/api/v1/exposure/whatif", Yaml(yaml)).Expect(HttpStatusCode.OK);
        Assert.Contains(jewel, result.GetProperty("crownJewelsCutOff").EnumerateArray().Select(j => j.GetString()));
        Assert.Contains(result.GetProperty("pathsRemoved").EnumerateArray(), p => p.Str("entryPointId") == entry && p.Str("crownJewelId") == jewel);
        Assert.Equal("Isolate the PLC", result.GetProperty("scenario").Str("name"));

        var asJson = await admin.Post("/api/v1/exposure/whatif", new { yaml = $"name: Remove the entry\nactions:\n  - remove-entry-point: {entry}\n" })
            .Expect(HttpStatusCode.OK);
        Assert.Contains(asJson.GetProperty("pathsRemoved").EnumerateArray(), p => p.Str("entryPointId") == entry);

        var broken = await admin.PostAsync("/api/v1/exposure/whatif", Yaml("name: Broken\nactions:\n  - isolate-assets: x\n")).ExpectProblem(HttpStatusCode.BadRequest);
        var problem = Assert.Single(broken.GetProperty("problems").EnumerateArray());
        Assert.Equal((3, 5), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32()));
        Assert.Contains("'isolate-assets' is not an action", problem.Str("message"));
        Assert.Contains("scenario.yaml:3:5", broken.Str("detail"));

        var unknown = await admin.Post("/api/v1/exposure/whatif", new { yaml = "name: Typo\nactions:\n  - patch-finding: nope\n  - isolate-asset: no-such-asset\n", fileName = "typo.yaml" })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["typo.yaml:3:5: action 1 (patch-finding): there is no finding 'nope'", "typo.yaml:4:5: action 2 (isolate-asset): there is no asset 'no-such-asset'"],
            unknown.GetProperty("problems").EnumerateArray().Select(p => $"{p.Str("file")}:{p.GetProperty("line").GetInt32()}:{p.GetProperty("column").GetInt32()}: {p.Str("message")}"));

        await admin.Post("/api/v1/exposure/whatif", new { }).ExpectProblem(HttpStatusCode.BadRequest);
        await viewer.PostAsync("/api/v1/exposure/whatif", Yaml(yaml)).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_plan_request_is_checked_and_answered()
    {
        await ReachableJewelAsync("north");

        await viewer.Post("/api/v1/exposure/plan", new { goal = "cut-crown-jewels" }).ExpectProblem(HttpStatusCode.Forbidden);
        var bad = await admin.Post("/api/v1/exposure/plan", new { goal = "win" }).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("'win' is not a goal", bad.GetProperty("errors").GetProperty("goal")[0].GetString());
        var noBudget = await admin.Post("/api/v1/exposure/plan", new { goal = "most-exposure-within-budget" }).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(noBudget.GetProperty("errors").TryGetProperty("budget", out _));

        var plan = await admin.Post("/api/v1/exposure/plan", new { goal = "most-exposure-within-budget", budget = 50000 }).Expect(HttpStatusCode.OK);
        Assert.Equal("most-exposure-within-budget", plan.Str("goal"));
        Assert.True(plan.GetProperty("totalCost").GetDecimal() <= 50000);
        Assert.True(plan.GetProperty("scoreAfter").GetDouble() <= plan.GetProperty("scoreBefore").GetDouble());
    }

    [Fact]
    public async Task A_recompute_adds_a_point_to_the_history_that_site_users_read_for_their_sites()
    {
        await viewer.PostAsync("/api/v1/exposure/recompute", null).ExpectProblem(HttpStatusCode.Forbidden);
        var summary = await admin.PostAsync("/api/v1/exposure/recompute", null).Expect(HttpStatusCode.OK);

        var overall = await viewer.GetAsync("/api/v1/exposure/history?scope=overall").Expect(HttpStatusCode.OK);
        var last = overall.EnumerateArray().Last(p => p.Str("trigger") == "admin");
        Assert.Equal(summary.GetProperty("overall").GetProperty("score").GetDouble(), last.GetProperty("score").GetDouble(), 9);
        Assert.Equal("overall", last.Str("scope"));
        var times = overall.EnumerateArray().Select(p => p.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);

        var north = await northEngineer.GetAsync("/api/v1/exposure/history?scope=site&id=north").Expect(HttpStatusCode.OK);
        Assert.All(north.EnumerateArray(), p => Assert.Equal("north", p.Str("scopeId")));
        Assert.Contains(north.EnumerateArray(), p => p.Str("trigger") == "admin");
        var future = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        Assert.Empty((await viewer.GetAsync($"/api/v1/exposure/history?scope=site&id=north&since={Uri.EscapeDataString(future)}").Expect(HttpStatusCode.OK)).EnumerateArray());

        await northEngineer.GetAsync("/api/v1/exposure/history?scope=overall").ExpectProblem(HttpStatusCode.Forbidden);
        await northEngineer.GetAsync("/api/v1/exposure/history?scope=site&id=south").ExpectProblem(HttpStatusCode.NotFound);
        await viewer.GetAsync("/api/v1/exposure/history?scope=galaxy").ExpectProblem(HttpStatusCode.BadRequest);
        await viewer.GetAsync("/api/v1/exposure/history?scope=zone").ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Allow_rules_are_written_by_engineers_of_their_site_validated_by_field_and_read_only_where_visible()
    {
        var (_, jewel) = await ReachableJewelAsync("north");
        var (_, other) = await ReachableJewelAsync("north");
        var (_, south) = await ReachableJewelAsync("south");

        using var created = await northEngineer.Post("/api/v1/allow-rules", new { siteId = "north", fromAssetId = other, toAssetId = jewel, services = new[] { "s7", "https" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = rule.Str("id");
        Assert.EndsWith("/api/v1/allow-rules/" + id, created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(["s7:tcp/102", "https:tcp/443"], rule.GetProperty("services").EnumerateArray().Select(s => s.GetString()));

        var refused = await northEngineer.Post("/api/v1/allow-rules", new { siteId = "north", fromAssetId = south, toAssetId = jewel, services = new[] { "tcp/x" } })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("on site 'south'", refused.GetProperty("errors").GetProperty("fromAssetId")[0].GetString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("services[0]", out _));
        await northEngineer.Post("/api/v1/allow-rules", new { siteId = "south", fromAssetId = south, toAssetId = south, services = new[] { "s7" } })
            .ExpectProblem(HttpStatusCode.Forbidden);
        await viewer.Post("/api/v1/allow-rules", new { siteId = "north", fromAssetId = other, toAssetId = jewel, services = new[] { "s7" } })
            .ExpectProblem(HttpStatusCode.Forbidden);
        await northEngineer.Post("/api/v1/allow-rules", new { id, siteId = "north", fromAssetId = other, toAssetId = jewel, services = new[] { "s7" } })
            .ExpectProblem(HttpStatusCode.Conflict);

        Assert.Contains(id, (await northEngineer.GetAsync("/api/v1/allow-rules").Expect(HttpStatusCode.OK)).EnumerateArray().Select(r => r.Str("id")));
        var southViewer = server.Client(await server.CreateUserAsync(NewId("south-viewer"), (Role.Viewer, "south")));
        await southViewer.GetAsync($"/api/v1/allow-rules/{id}").ExpectProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, (await southViewer.GetAsync("/api/v1/allow-rules").Expect(HttpStatusCode.OK)).EnumerateArray().Select(r => r.Str("id")));

        var replaced = await northEngineer.Put($"/api/v1/allow-rules/{id}", new { siteId = "north", fromAssetId = jewel, toAssetId = other, services = new[] { "modbus" } })
            .Expect(HttpStatusCode.OK);
        Assert.Equal(jewel, replaced.Str("fromAssetId"));
        await northEngineer.Put($"/api/v1/allow-rules/{id}", new { siteId = "south", fromAssetId = south, toAssetId = south, services = new[] { "modbus" } })
            .ExpectProblem(HttpStatusCode.Forbidden);
        var audit = await admin.GetAsync($"/api/v1/audit?entityType=allow-rule&entityId={id}").Expect(HttpStatusCode.OK);
        Assert.Equal(["create", "update"], audit.GetProperty("items").EnumerateArray().Select(e => e.Str("action")).Order());

        await northEngineer.DeleteAsync($"/api/v1/allow-rules/{id}").Expect(HttpStatusCode.NoContent);
        await northEngineer.GetAsync($"/api/v1/allow-rules/{id}").ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Observed_flows_and_maintenance_windows_have_the_same_rules()
    {
        var (_, jewel) = await ReachableJewelAsync("north");
        var (_, other) = await ReachableJewelAsync("north");

        var flow = await northEngineer.Post("/api/v1/observed-flows", new { siteId = "north", sourceAssetId = other, targetAssetId = jewel, service = "modbus", packets = 10, bytes = 640, source = "pcap cell.pcapng" })
            .Expect(HttpStatusCode.Created);
        Assert.Equal("modbus:tcp/502", flow.Str("service"));
        var badFlow = await northEngineer.Post("/api/v1/observed-flows", new { siteId = "north", sourceAssetId = other, targetAssetId = jewel, service = "carrier-pigeon" })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(badFlow.GetProperty("errors").TryGetProperty("service", out _));
        await northEngineer.DeleteAsync($"/api/v1/observed-flows/{flow.Str("id")}").Expect(HttpStatusCode.NoContent);

        var window = await northEngineer.Post("/api/v1/maintenance-windows", new { siteId = "north", name = "North turnaround", day = "saturday", weekOfMonth = 5, start = "06:00", durationHours = 36 })
            .Expect(HttpStatusCode.Created);
        Assert.Equal(("saturday", "06:00:00"), (window.Str("day"), window.Str("start")));
        var badWindow = await northEngineer.Post("/api/v1/maintenance-windows", new { siteId = "north", name = "x", day = "caturday", start = "26:00" })
            .ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(badWindow.GetProperty("errors").TryGetProperty("day", out _));
        Assert.True(badWindow.GetProperty("errors").TryGetProperty("start", out _));
        Assert.Contains(window.Str("id"), (await viewer.GetAsync("/api/v1/maintenance-windows?site=north").Expect(HttpStatusCode.OK)).EnumerateArray().Select(w => w.Str("id")));
        Assert.DoesNotContain(window.Str("id"), (await viewer.GetAsync("/api/v1/maintenance-windows?site=south").Expect(HttpStatusCode.OK)).EnumerateArray()
            .Select(w => w.Str("id")));
    }
}

public sealed class ExposureApiTestsOnSqlite(SeamServerFixture server) : ExposureApiTests(server), IClassFixture<SeamServerFixture>;

public sealed class ExposureApiTestsOnPostgres(PostgresSeamServerFixture server) : ExposureApiTests(server), IClassFixture<PostgresSeamServerFixture>;
