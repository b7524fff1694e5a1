using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Seam.Intelligence.Demo;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests;

/// <summary>Advisories, feeds and findings through the real server: upload, read, decide, and who may do what.</summary>
public abstract class IntelligenceApiTests(SeamServerFixture server)
{
    private readonly HttpClient admin = server.Client(server.AdminToken);
    private readonly HttpClient viewer = server.Client(server.ViewerToken);
    private readonly HttpClient northEngineer = server.Client(server.NorthEngineerToken);
    private readonly HttpClient northApprover = server.Client(server.NorthApproverToken);

    private static MultipartFormDataContent Files(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return form;
    }

    private static (string Name, byte[] Content) DemoAdvisory(string suffix) => DemoAdvisories.All().Single(a => a.Name.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>An asset on "north" that demo advisory 005 (PTC Kepware KEPServerEX, any version) matches by name.</summary>
    private async Task<string> KepwareAssetAsync()
    {
        var id = NewId("opc");
        await admin.Post("/api/v1/assets", new
        {
            id,
            siteId = "north",
            zoneId = "north-cell",
            name = "OPC server " + id,
            kind = "server",
            vendor = "PTC",
            product = "Kepware KEPServerEX",
            version = "6.14",
            ownerTeamId = "ot",
        }).Expect(HttpStatusCode.Created);
        return id;
    }

    [Fact]
    public async Task An_uploaded_advisory_is_matched_listed_and_explained()
    {
        var asset = await KepwareAssetAsync();

        var import = await admin.PostAsync("/api/v1/advisories/import", Files(DemoAdvisory("-005.json"))).Expect(HttpStatusCode.OK);
        Assert.True(import.GetProperty("imported").GetInt32() + import.GetProperty("updated").GetInt32() + import.GetProperty("unchanged").GetInt32() == 1,
            import.ToString());

        var list = await viewer.GetAsync("/api/v1/advisories?q=kepware").Expect(HttpStatusCode.OK);
        Assert.Contains("SEAM-DEMO-2026-005", list.Ids());

        var detail = await viewer.GetAsync("/api/v1/advisories/SEAM-DEMO-2026-005").Expect(HttpStatusCode.OK);
        Assert.Equal("CVE-2026-99006", detail.GetProperty("vulnerabilities")[0].Str("cve"));
        Assert.Contains(detail.GetProperty("products").EnumerateArray(), p => p.Str("product") == "Kepware KEPServerEX");

        var findings = await viewer.GetAsync($"/api/v1/findings?asset={asset}").Expect(HttpStatusCode.OK);
        var finding = Assert.Single(findings.GetProperty("items").EnumerateArray());
        Assert.Equal("CVE-2026-99006", finding.Str("vulnerabilityId"));
        Assert.Equal("NameOnly", finding.Str("confidence"));
        Assert.Contains("CSAFPID-0001", finding.Str("explanation"));
        Assert.False(string.IsNullOrWhiteSpace(finding.Str("forOt")));

        var vulnerability = await viewer.GetAsync("/api/v1/vulnerabilities/cve-2026-99006").Expect(HttpStatusCode.OK);
        var cvss = vulnerability.GetProperty("vulnerability").GetProperty("cvss")[0];
        Assert.Equal("3.1", cvss.Str("version"));
        Assert.Equal(7.5, cvss.GetProperty("score").GetDouble());
        Assert.Contains(vulnerability.GetProperty("findings").EnumerateArray(), f => f.Str("assetId") == asset);

        var document = await viewer.GetAsync("/api/v1/advisories/SEAM-DEMO-2026-005/document");
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_rejected_upload_names_the_file_and_reason()
    {
        var broken = Encoding.UTF8.GetBytes("{\"document\": {\"category\": ");
        var import = await admin.PostAsync("/api/v1/advisories/import", Files(("broken.json", broken))).Expect(HttpStatusCode.OK);

        Assert.Equal(1, import.GetProperty("rejected").GetInt32());
        var rejected = import.GetProperty("documents")[0];
        Assert.Equal("broken.json", Path.GetFileName(rejected.Str("name")));
        Assert.Contains("line", rejected.GetProperty("reasons")[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Importing_advisories_and_feeds_needs_an_engineer_on_all_sites()
    {
        await northEngineer.PostAsync("/api/v1/advisories/import", Files(DemoAdvisory("-005.json"))).ExpectProblem(HttpStatusCode.Forbidden);
        await viewer.PostAsync("/api/v1/feeds/kev", Files(("kev.json", "{}"u8.ToArray()))).ExpectProblem(HttpStatusCode.Forbidden);
        await server.Client().GetAsync("/api/v1/findings").ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_broken_feed_is_refused_with_its_location_and_a_good_one_imports()
    {
        var broken = Encoding.UTF8.GetBytes("cve,epss,percentile\nCVE-2026-99006,2.5,0.9\n");
        var problem = await admin.PostAsync("/api/v1/feeds/epss", Files(("epss.csv", broken))).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("epss.csv:2", problem.Str("detail"));

        var good = Encoding.UTF8.GetBytes("#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\nCVE-2026-99006,0.25,0.96\n");
        var result = await admin.PostAsync("/api/v1/feeds/epss", Files(("epss.csv", good))).Expect(HttpStatusCode.OK);
        Assert.Equal("epss", result.Str("feed"));

        await admin.PostAsync("/api/v1/feeds/cvss", Files(("x.csv", good))).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deciding_a_finding_needs_the_role_on_its_site_a_reason_and_a_legal_transition()
    {
        var asset = await KepwareAssetAsync();
        await admin.PostAsync("/api/v1/advisories/import", Files(DemoAdvisory("-005.json"))).Expect(HttpStatusCode.OK);
        await admin.PostAsync("/api/v1/findings/refresh", null).Expect(HttpStatusCode.OK);
        var findings = await viewer.GetAsync($"/api/v1/findings?asset={asset}").Expect(HttpStatusCode.OK);
        var id = findings.GetProperty("items")[0].Str("id");

        await viewer.Post($"/api/v1/findings/{id}/decision", new { state = "mitigated", reason = "Firewall rule" }).ExpectProblem(HttpStatusCode.Forbidden);
        await northEngineer.Post($"/api/v1/findings/{id}/decision", new { state = "mitigated", reason = "" }).ExpectProblem(HttpStatusCode.BadRequest);
        await northEngineer.Post($"/api/v1/findings/{id}/decision", new { state = "accepted", reason = "Until shutdown", acceptedUntil = DateTimeOffset.UtcNow.AddDays(30) })
            .ExpectProblem(HttpStatusCode.Forbidden);
        await northEngineer.Post($"/api/v1/findings/{id}/decision", new { state = "fixed", reason = "Patched" }).ExpectProblem(HttpStatusCode.Conflict);

        var mitigated = await northEngineer.Post($"/api/v1/findings/{id}/decision", new { state = "mitigated", reason = "OPC UA port closed at the cell firewall" })
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Mitigated", mitigated.GetProperty("finding").Str("state"));

        var accepted = await northApprover.Post($"/api/v1/findings/{id}/decision", new { state = "accepted", reason = "Replaced in the March shutdown", acceptedUntil = DateTimeOffset.UtcNow.AddDays(60) })
            .Expect(HttpStatusCode.OK);
        var history = accepted.GetProperty("history").EnumerateArray().Select(h => h.Str("to")).ToList();
        Assert.Equal(["open", "mitigated", "accepted"], history);
        Assert.Equal("north-approver", accepted.GetProperty("history")[2].Str("by"));

        var audit = await admin.GetAsync($"/api/v1/audit?entityType=finding&entityId={id}").Expect(HttpStatusCode.OK);
        Assert.Equal(2, audit.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_plant_vendor_alias_makes_a_match_after_refresh()
    {
        var id = NewId("opc");
        await admin.Post("/api/v1/assets", new
        {
            id,
            siteId = "north",
            zoneId = "north-cell",
            name = "OPC " + id,
            kind = "server",
            vendor = "Kepware Technologies " + id,
            product = "Kepware KEPServerEX",
            ownerTeamId = "ot",
        }).Expect(HttpStatusCode.Created);
        await admin.PostAsync("/api/v1/advisories/import", Files(DemoAdvisory("-005.json"))).Expect(HttpStatusCode.OK);
        await admin.PostAsync("/api/v1/findings/refresh", null).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (await viewer.GetAsync($"/api/v1/findings?asset={id}").Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        await admin.Put($"/api/v1/vendor-aliases/{Uri.EscapeDataString("Kepware Technologies " + id)}", new { canonical = "PTC", relation = "a brand of" }).Expect(HttpStatusCode.OK);
        await admin.PostAsync("/api/v1/findings/refresh", null).Expect(HttpStatusCode.OK);

        var finding = (await viewer.GetAsync($"/api/v1/findings?asset={id}").Expect(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Contains("a brand of", finding.Str("explanation"));
    }
}

public sealed class IntelligenceApiTestsOnSqlite(SeamServerFixture server) : IntelligenceApiTests(server), IClassFixture<SeamServerFixture>;

public sealed class IntelligenceApiTestsOnPostgres(PostgresSeamServerFixture server) : IntelligenceApiTests(server), IClassFixture<PostgresSeamServerFixture>;
