using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Seam.Intelligence.Csaf;
using Seam.Intelligence.Demo;
using Seam.Intelligence.Findings;
using Seam.Inventory;
using Seam.Inventory.Demo;
using Seam.Storage.Intelligence;
using Seam.Testing.Corpus;
using Seam.Testing.Databases;

namespace Seam.Storage.Tests.Intelligence;

/// <summary>Advisory imports end to end on both providers: real documents in, findings out, bad input leaves nothing.</summary>
public sealed class AdvisoryImportTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static string CorpusFolder => SharedCorpus.Path("csaf", "cisagov-CSAF", "csaf_files");

    private static async Task<(TestDatabase Database, AdvisoryImporter Importer, FakeTimeProvider Clock)> DemoAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var result = await database.CreateInventoryStore().ApplyAsync(DemoPlant.Create(), ImportMode.Replace, "test");
        Assert.True(result.Applied);
        var clock = new FakeTimeProvider(Start);
        return (database, new AdvisoryImporter(new SeamDbContextFactory(database.Options), clock), clock);
    }

    private static IEnumerable<AdvisoryInput> Demo(Func<string, bool> which) =>
        DemoAdvisories.All().Where(a => which(a.Name)).Select(a => new AdvisoryInput(a.Name, a.Content, "not provided", "not provided"));

    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var advisories = await db.Advisories.Select(a => a.Id + "@" + a.Version + "#" + a.ContentSha256).ToListAsync();
        var findings = await db.Findings.Select(f => f.Id + ":" + f.State + ":" + f.AdvisoryVersion).ToListAsync();
        return string.Join(",", advisories.Order()) + "|" + string.Join(",", findings.Order()) + "|" +
            await db.FindingStateChanges.CountAsync() + "|" + await db.AdvisoryVulnerabilities.CountAsync() + "|" + await db.AuditEntries.CountAsync();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Demo_advisories_create_findings_and_a_revision_updates_them_in_place_keeping_human_decisions(DatabaseProvider provider)
    {
        var (database, importer, clock) = await DemoAsync(provider);
        await using var _ = database;

        var first = await importer.ImportAsync(Demo(n => !n.Contains("-r2", StringComparison.Ordinal)), "test");
        Assert.Equal(6, first.Imported);
        Assert.Equal(0, first.Rejected);

        var store = new FindingStore(new SeamDbContextFactory(database.Options), clock);
        var plc101 = FindingReconciler.IdFor("PLC-R-101", "CVE-2026-99001");
        var plc103 = FindingReconciler.IdFor("PLC-R-103", "CVE-2026-99001");
        Assert.Equal(FindingState.Open, (await store.FindAsync(plc101))!.State);
        clock.Advance(TimeSpan.FromDays(1));
        await store.DecideAsync(plc103, new FindingDecision(FindingState.Accepted, "Line 1 is isolated until the March shutdown", Start.AddDays(30)), "maria");

        clock.Advance(TimeSpan.FromDays(1));
        var revision = await importer.ImportAsync(Demo(n => n.Contains("-r2", StringComparison.Ordinal)), "test");

        Assert.Equal(1, revision.Updated);
        var fixedNow = (await store.FindAsync(plc101))!;
        Assert.Equal(FindingState.Fixed, fixedNow.State);
        Assert.Equal("2", fixedNow.AdvisoryVersion);
        var kept = (await store.FindAsync(plc103))!;
        Assert.Equal(FindingState.Accepted, kept.State);
        Assert.Equal("2", kept.AdvisoryVersion);
        var history = await store.HistoryAsync(plc101);
        Assert.Equal([FindingState.Open, FindingState.Fixed], history.Select(h => h.To));
        Assert.Contains("version 2", history[^1].Reason, StringComparison.Ordinal);

        await using var db = database.CreateContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "advisory" && a.EntityId == "SEAM-DEMO-2026-001"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_document_again_is_unchanged_and_an_older_revision_does_not_replace_a_newer_one(DatabaseProvider provider)
    {
        var (database, importer, _) = await DemoAsync(provider);
        await using var _ = database;
        await importer.ImportAsync(Demo(_ => true), "test");
        var before = await SnapshotAsync(database);

        var again = await importer.ImportAsync(Demo(n => n.Contains("-001", StringComparison.Ordinal)), "test");

        Assert.Equal(2, again.Unchanged);
        Assert.Contains(again.Results, r => r.Reasons.Single().Contains("older revision", StringComparison.Ordinal));
        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_corpus_advisory_imports_with_its_counts_and_a_second_run_changes_nothing(DatabaseProvider provider)
    {
        var (database, importer, _) = await DemoAsync(provider);
        await using var _ = database;
        var options = new AdvisorySourceOptions();

        var summary = await importer.ImportAsync(AdvisorySources.Read([CorpusFolder], options), "test");

        Assert.Equal(300, summary.Total);
        Assert.True(summary.Rejected == 0, string.Join("\n", summary.Rejections.Select(r => $"{r.Name}: {string.Join("; ", r.Reasons)}")));
        await using var db = database.CreateContext();
        var stored = await db.Advisories.ToDictionaryAsync(a => a.SourceName);
        foreach (var file in Directory.EnumerateFiles(CorpusFolder, "*.json", SearchOption.AllDirectories))
        {
            // Counted independently of the reader: a walk of the raw JSON.
            using var raw = JsonDocument.Parse(File.ReadAllBytes(file));
            var vulnerabilities = raw.RootElement.TryGetProperty("vulnerabilities", out var v) ? v.EnumerateArray().ToList() : [];
            var remediations = vulnerabilities.Sum(x => x.TryGetProperty("remediations", out var r) ? r.GetArrayLength() : 0);
            var advisory = stored.Values.Single(a => a.Id == raw.RootElement.GetProperty("document").GetProperty("tracking").GetProperty("id").GetString());
            Assert.Equal(vulnerabilities.Count, advisory.VulnerabilityCount);
            Assert.Equal(remediations, advisory.RemediationCount);
            Assert.Equal(CountProductIds(raw.RootElement), advisory.ProductCount);
            Assert.StartsWith("matched", advisory.Sha512Check, StringComparison.OrdinalIgnoreCase);
        }

        var before = await SnapshotAsync(database);
        var again = await importer.ImportAsync(AdvisorySources.Read([CorpusFolder], options), "test");
        Assert.Equal(300, again.Unchanged);
        Assert.Equal(before, await SnapshotAsync(database));
    }

    private static int CountProductIds(JsonElement root)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("product_tree", out var tree))
        {
            return 0;
        }

        void Walk(JsonElement branches)
        {
            foreach (var branch in branches.EnumerateArray())
            {
                if (branch.TryGetProperty("product", out var product))
                {
                    ids.Add(product.GetProperty("product_id").GetString()!);
                }

                if (branch.TryGetProperty("branches", out var children))
                {
                    Walk(children);
                }
            }
        }

        if (tree.TryGetProperty("branches", out var top))
        {
            Walk(top);
        }

        foreach (var name in tree.TryGetProperty("full_product_names", out var names) ? names.EnumerateArray() : default)
        {
            ids.Add(name.GetProperty("product_id").GetString()!);
        }

        foreach (var relationship in tree.TryGetProperty("relationships", out var relationships) ? relationships.EnumerateArray() : default)
        {
            ids.Add(relationship.GetProperty("full_product_name").GetProperty("product_id").GetString()!);
        }

        return ids.Count;
    }

    public static TheoryData<DatabaseProvider, string> BadDocuments()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var kind in new[] { "truncated", "wrong-type", "invalid-cvss", "deep", "gzip-garbage", "huge", "traversal", "sha512-mismatch" })
            {
                data.Add(provider, kind);
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(BadDocuments))]
    public async Task Bad_input_is_rejected_with_a_clear_reason_and_leaves_the_database_unchanged(DatabaseProvider provider, string kind)
    {
        var (database, importer, _) = await DemoAsync(provider);
        await using var _ = database;
        await importer.ImportAsync(Demo(n => n.Contains("-002", StringComparison.Ordinal)), "test");
        var before = await SnapshotAsync(database);
        var folder = Directory.CreateTempSubdirectory("seam-bad-").FullName;
        try
        {
            var (path, expected) = Write(folder, kind);
            var summary = await importer.ImportAsync(AdvisorySources.Read([path], new AdvisorySourceOptions()), "test");

            var rejected = Assert.Single(summary.Rejections);
            var reasons = string.Join(" ", rejected.Reasons);
            Assert.Contains(expected, reasons, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(before, await SnapshotAsync(database));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (string Path, string Expected) Write(string folder, string kind)
    {
        var good = DemoAdvisories.All().Single(a => a.Name.EndsWith("-003.json", StringComparison.Ordinal)).Content;
        var path = Path.Combine(folder, "advisory.json");
        switch (kind)
        {
            case "truncated":
                File.WriteAllBytes(path, good[..(good.Length / 2)]);
                return (path, "line");
            case "wrong-type":
                {
                    var node = JsonNode.Parse(good)!;
                    node["document"]!["tracking"]!["revision_history"] = 42;
                    File.WriteAllText(path, node.ToJsonString());
                    return (path, "/document/tracking/revision_history");
                }

            case "invalid-cvss":
                {
                    var node = JsonNode.Parse(good)!;
                    node["vulnerabilities"]![0]!["scores"]![0]!["cvss_v3"]!["vectorString"] = "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
                    File.WriteAllText(path, node.ToJsonString());
                    return (path, "6.1.");
                }

            case "deep":
                File.WriteAllText(path, new string('[', 5000) + new string(']', 5000));
                return (path, "depth");
            case "gzip-garbage":
                path = Path.Combine(folder, "advisories.tar.gz");
                File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
                return (path, "advisories.tar.gz");
            case "huge":
                using (var huge = File.Create(path))
                {
                    huge.SetLength(1L << 30);
                }

                return (path, "MiB");
            case "traversal":
                path = Path.Combine(folder, "advisories.zip");
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
                {
                    using (var entry = zip.CreateEntry("ok.json").Open())
                    {
                        entry.Write(good);
                    }

                    using (var evil = zip.CreateEntry("../evil.json").Open())
                    {
                        evil.Write(good);
                    }
                }

                return (path, "evil.json");
            case "sha512-mismatch":
                File.WriteAllBytes(path, good);
                File.WriteAllText(path + ".sha512", new string('0', 128) + "  advisory.json\n");
                return (path, "sha512");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Refresh_matches_stored_advisories_to_new_assets_and_removes_findings_of_deleted_ones(DatabaseProvider provider)
    {
        var (database, importer, clock) = await DemoAsync(provider);
        await using var _ = database;
        await importer.ImportAsync(Demo(n => n.Contains("-005", StringComparison.Ordinal)), "test");
        await using (var db = database.CreateContext())
        {
            var twin = await db.Assets.AsNoTracking().FirstAsync(a => a.Id == "OPC-R-101");
            twin.Id = "OPC-R-199";
            twin.Name = "OPC server (spare)";
            twin.Addresses = [];
            twin.MacAddresses = [];
            db.Assets.Add(twin);
            db.Assets.Remove(await db.Assets.FirstAsync(a => a.Id == "OPC-E-101"));
            await db.SaveChangesAsync();
        }

        var store = new FindingStore(new SeamDbContextFactory(database.Options), clock);
        var result = await store.RefreshAsync("test");

        Assert.Equal((1, 1), (result.Removed, result.Created));
        await using var check = database.CreateContext();
        Assert.False(await check.Findings.AnyAsync(f => f.AssetId == "OPC-E-101"));
        Assert.True(await check.Findings.AnyAsync(f => f.AssetId == "OPC-R-101"));
        Assert.True(await check.Findings.AnyAsync(f => f.AssetId == "OPC-R-199" && f.VulnerabilityId == "CVE-2026-99006"));
    }
}

public sealed class AcceptanceExpiryTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_expired_acceptance_reopens_the_finding_with_history_and_audit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Assert.True((await database.CreateInventoryStore().ApplyAsync(DemoPlant.Create(), ImportMode.Replace, "test")).Applied);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var contexts = new SeamDbContextFactory(database.Options);
        var advisory = DemoAdvisories.All().Single(a => a.Name.EndsWith("-005.json", StringComparison.Ordinal));
        await new AdvisoryImporter(contexts, clock).ImportAsync([new AdvisoryInput(advisory.Name, advisory.Content, "", "")], "test");
        var store = new FindingStore(contexts, clock);
        var id = FindingReconciler.IdFor("OPC-R-101", "CVE-2026-99006");
        await store.DecideAsync(id, new FindingDecision(FindingState.Accepted, "Replaced at the shutdown", clock.GetUtcNow().AddDays(7)), "maria");

        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await store.ExpireAcceptancesAsync());
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await store.ExpireAcceptancesAsync());

        Assert.Equal(FindingState.Open, (await store.FindAsync(id))!.State);
        var last = (await store.HistoryAsync(id))[^1];
        Assert.Equal((FindingState.Accepted, FindingState.Open, Finding.SystemActor), (last.From!.Value, last.To, last.By));
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == id && a.Summary!.Contains("expired")));
    }
}
