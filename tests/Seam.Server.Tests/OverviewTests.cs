using System.Net;
using Seam.Access;
using static Seam.Server.Tests.Http;

namespace Seam.Server.Tests;

/// <summary>Overview and problems, read by a viewer of a fresh site so that every count is exact.</summary>
public abstract class OverviewTests(SeamServerFixture server)
{
    private readonly HttpClient admin = server.Client(server.AdminToken);

    [Fact]
    public async Task The_overview_counts_assets_by_site_level_and_kind_and_names_gaps()
    {
        var (site, viewer) = await SiteWithViewerAsync();
        await admin.Post("/api/v1/zones", new { id = $"{site}-cell", siteId = site, name = "Cell", level = "1", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/zones", new { id = $"{site}-dmz", siteId = site, name = "DMZ", level = "3.5", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { siteId = site, zoneId = $"{site}-cell", name = "PLC 1", kind = "plc", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { siteId = site, zoneId = $"{site}-cell", name = "PLC 2", kind = "plc" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { siteId = site, zoneId = $"{site}-dmz", name = "Jump", kind = "jump host", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { siteId = site, name = "Loose laptop", kind = "laptop", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);

        var overview = await viewer.GetAsync("/api/v1/overview").Expect(HttpStatusCode.OK);
        Assert.Equal(4, overview.GetProperty("assets").GetInt32());
        var bySite = Assert.Single(overview.GetProperty("assetsBySite").EnumerateArray());
        Assert.Equal(4, bySite.GetProperty("assets").GetInt32());
        var levels = overview.GetProperty("assetsByLevel").EnumerateArray().ToDictionary(l => l.GetProperty("level").GetString() ?? "none", l => l.GetProperty("assets").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["1"] = 2, ["3.5"] = 1, ["none"] = 1 }, levels);
        var kinds = overview.GetProperty("assetsByKind").EnumerateArray().ToDictionary(k => k.Str("kind"), k => k.GetProperty("assets").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["plc"] = 2, ["jump-host"] = 1, ["workstation"] = 1 }, kinds);
        Assert.Equal(1, overview.GetProperty("assetsWithoutOwner").GetInt32());
        Assert.Equal([$"{site}-cell", $"{site}-dmz"], overview.GetProperty("zonesWithoutConduits").EnumerateArray().Select(z => z.Str("id")).Order());
        var smells = overview.GetProperty("smellsByCode").EnumerateArray().ToDictionary(s => s.Str("code"), s => s.GetProperty("count").GetInt32());
        Assert.Equal(1, smells["asset-without-owner"]);
        Assert.Equal(1, smells["asset-without-zone"]);
        Assert.Equal(2, smells["zone-without-conduits"]);
    }

    [Fact]
    public async Task Problems_follow_every_write_even_though_they_are_reused_between_writes()
    {
        var (site, viewer) = await SiteWithViewerAsync();
        await admin.Post("/api/v1/assets", new { id = $"{site}-orphan", siteId = site, name = "Orphan", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);
        var before = await viewer.GetAsync($"/api/v1/inventory/problems?site={site}&code=asset-without-owner").Expect(HttpStatusCode.OK);

        await admin.Put($"/api/v1/assets/{site}-orphan", new { siteId = site, name = "Orphan" }).Expect(HttpStatusCode.OK);
        var after = await viewer.GetAsync($"/api/v1/inventory/problems?site={site}&code=asset-without-owner").Expect(HttpStatusCode.OK);

        Assert.Equal(0, before.GetProperty("total").GetInt32());
        Assert.Equal([$"{site}-orphan"], after.GetProperty("items").EnumerateArray().Select(p => p.Str("entityId")));
    }

    [Fact]
    public async Task Problems_are_explained_for_it_and_ot_and_filter_by_site_and_code()
    {
        var (site, viewer) = await SiteWithViewerAsync();
        await admin.Post("/api/v1/entry-points", new { siteId = site, name = "Vendor TeamViewer", kind = "vendor-remote-access", vendor = "Acme" }).Expect(HttpStatusCode.Created);
        await admin.Post("/api/v1/assets", new { siteId = site, name = "Orphan", ownerTeamId = "ot" }).Expect(HttpStatusCode.Created);

        var all = await viewer.GetAsync($"/api/v1/inventory/problems?site={site}").Expect(HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal(0, all.GetProperty("errors").GetInt32());
        Assert.Equal(2, all.GetProperty("smells").GetInt32());

        var vendor = await viewer.GetAsync($"/api/v1/inventory/problems?site={site}&code=always-on-vendor-access-without-mfa").Expect(HttpStatusCode.OK);
        var problem = Assert.Single(vendor.GetProperty("items").EnumerateArray());
        Assert.Equal("entry-point", problem.Str("entity"));
        Assert.Equal("mfaRequired", problem.Str("field"));
        Assert.Contains("Acme", problem.Str("message"));
        Assert.False(string.IsNullOrEmpty(problem.Str("forIt")));
        Assert.False(string.IsNullOrEmpty(problem.Str("forOt")));

        var assets = await viewer.GetAsync($"/api/v1/inventory/problems?site={site}&entity=asset&severity=smell").Expect(HttpStatusCode.OK);
        Assert.Equal(["asset-without-zone"], assets.GetProperty("items").EnumerateArray().Select(p => p.Str("code")));
    }

    private async Task<(string Site, HttpClient Viewer)> SiteWithViewerAsync()
    {
        var site = NewId("site");
        await admin.Post("/api/v1/sites", new { id = site, name = "Site " + site }).Expect(HttpStatusCode.Created);
        return (site, server.Client(await server.CreateUserAsync(NewId("viewer"), (Role.Viewer, site))));
    }
}

public sealed class OverviewTestsOnSqlite(SeamServerFixture server) : OverviewTests(server), IClassFixture<SeamServerFixture>;

public sealed class OverviewTestsOnPostgres(PostgresSeamServerFixture server) : OverviewTests(server), IClassFixture<PostgresSeamServerFixture>;
