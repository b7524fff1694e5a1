using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Seam.Audit;
using Seam.Exposure;
using Seam.Exposure.Demo;
using Seam.Exposure.Model;
using Seam.Intelligence.Demo;
using Seam.Intelligence.Vulnerabilities;
using Seam.Inventory;
using Seam.Inventory.Demo;
using Seam.Storage.Exposure;
using Seam.Storage.Intelligence;
using Seam.Testing.Databases;

namespace Seam.Storage.Tests.Exposure;

/// <summary>The exposure service on both providers: the engine's input as stored, the cached analysis, and the score trend.</summary>
public sealed class ExposureServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The demo company with its advisories, allow rules and maintenance windows, on a fake clock.</summary>
    private static async Task<(TestDatabase Database, ExposureService Service, FakeTimeProvider Clock)> DemoAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var plant = DemoPlant.Create();
        Assert.True((await database.CreateInventoryStore(clock).ApplyAsync(plant, ImportMode.Replace, "test")).Applied);
        var contexts = new SeamDbContextFactory(database.Options);
        var imported = await new AdvisoryImporter(contexts, clock).ImportAsync(
            DemoAdvisories.All().Select(a => new AdvisoryInput(a.Name, a.Content, "not provided", "not provided")), "test");
        Assert.Equal(0, imported.Rejected);
        var service = new ExposureService(contexts, clock);
        await service.Records.ReplaceAllAsync(DemoExposure.AllowRules(plant), DemoExposure.MaintenanceWindows(plant), "test");
        return (database, service, clock);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_input_joins_kev_epss_and_the_advisory_s_exploit_status_to_each_finding(DatabaseProvider provider)
    {
        var (database, service, _) = await DemoAsync(provider);
        await using var _ = database;
        string cve;
        await using (var db = database.CreateContext())
        {
            cve = await db.Findings.OrderBy(f => f.Id).Select(f => f.VulnerabilityId).FirstAsync();
            db.KnownExploitations.Add(new KnownExploitation
            {
                CveId = cve,
                VendorProject = "Demo",
                Product = "Demo",
                VulnerabilityName = "Demo",
                DateAdded = new DateOnly(2026, 2, 1),
                DueDate = new DateOnly(2026, 2, 22),
                RequiredAction = "Patch",
                ShortDescription = "Demo",
                KnownRansomwareCampaignUse = "Known",
                CatalogVersion = "test",
            });
            db.ExploitPredictions.Add(new ExploitPrediction { CveId = cve, Probability = 0.42, Percentile = 0.97 });
            await db.SaveChangesAsync();
        }

        var input = await service.LoadInputAsync();

        await using var check = database.CreateContext();
        Assert.Equal(await check.Findings.CountAsync(), input.Findings.Count);
        Assert.Equal(await check.Assets.CountAsync(), input.Inventory.Assets.Count);
        Assert.Equal(Start, input.At);
        var evidence = input.Findings.Where(f => f.VulnerabilityId == cve).Select(f => f.Evidence).ToList();
        Assert.NotEmpty(evidence);
        Assert.All(evidence, e => Assert.Equal((true, new DateOnly(2026, 2, 1), true, 0.42, 0.97),
            (e.InKev, e.KevDateAdded!.Value, e.KnownRansomwareUse, e.EpssProbability!.Value, e.EpssPercentile!.Value)));
        Assert.All(input.Findings.Where(f => f.VulnerabilityId != cve), f => Assert.False(f.Evidence.InKev));

        // The CSAF exploit status comes from the statement of the finding's own advisory.
        var statements = await check.AdvisoryVulnerabilities.AsNoTracking().ToDictionaryAsync(v => (v.AdvisoryId, v.VulnerabilityId), v => v.ExploitStatus);
        Assert.All(input.Findings, f => Assert.Equal(statements[(f.AdvisoryId!, f.VulnerabilityId)], f.Evidence.CsafExploitStatus));
        Assert.Contains(input.Findings, f => f.Evidence.CsafExploitStatus?.Contains("proof-of-concept code has been published", StringComparison.Ordinal) == true);
        Assert.Equal(DemoExposure.MaintenanceWindows(DemoPlant.Create()).Count, (await service.Records.MaintenanceWindows.ListAsync()).Count);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Allow_rules_flows_and_windows_are_refused_field_by_field_and_every_write_is_audited(DatabaseProvider provider)
    {
        var (database, service, _) = await DemoAsync(provider);
        await using var _ = database;
        var plant = DemoPlant.Create();
        var site = plant.Sites[0].Id;
        var (a, b) = (plant.Assets.First(x => x.SiteId == site), plant.Assets.Last(x => x.SiteId == site));
        var other = plant.Assets.First(x => x.SiteId != site);
        var rules = service.Records.AllowRules;
        var audited = await LastAuditIdAsync(database);

        var refused = await rules.CreateAsync(new AllowRuleInput(null, site, "no-such-asset", other.Id, ["modbus", "tcp/70000"], null), "maria");
        Assert.Equal(RecordWriteStatus.Invalid, refused.Status);
        Assert.Equal(["fromAssetId", "toAssetId", "services[1]"], refused.Errors.Select(e => e.Field));
        Assert.Contains("no-such-asset", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains($"on site '{other.SiteId}', not on site '{site}'", refused.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("expected a port", refused.Errors[2].Message, StringComparison.Ordinal);
        var nowhere = await rules.CreateAsync(new AllowRuleInput("r", "nowhere", a.Id, b.Id, ["s7"], null), "maria");
        Assert.Equal((RecordWriteStatus.Invalid, "There is no site with id 'nowhere'."), (nowhere.Status, nowhere.Errors.Single(e => e.Field == "siteId").Message));
        Assert.Equal(audited, await LastAuditIdAsync(database));

        var created = await rules.CreateAsync(new AllowRuleInput(null, site, a.Id, b.Id, ["s7", "https"], "historian pull"), "maria");
        Assert.Equal(RecordWriteStatus.Written, created.Status);
        var id = created.Record!.Id;
        Assert.StartsWith(site + ".ar.", id, StringComparison.Ordinal);
        Assert.Equal(["s7:tcp/102", "https:tcp/443"], (await rules.FindAsync(id))!.Services.Select(s => s.ToString()));
        Assert.Equal(RecordWriteStatus.AlreadyExists, (await rules.CreateAsync(new AllowRuleInput(id, site, a.Id, b.Id, ["s7"], null), "maria")).Status);

        var replaced = await rules.ReplaceAsync(id, new AllowRuleInput(null, site, b.Id, a.Id, ["modbus"], null), "maria");
        Assert.Equal(RecordWriteStatus.Written, replaced.Status);
        Assert.Equal((b.Id, "modbus:tcp/502"), ((await rules.FindAsync(id))!.FromAssetId, (await rules.FindAsync(id))!.Services.Single().ToString()));
        Assert.Equal(RecordWriteStatus.NotFound, (await rules.ReplaceAsync("nope", new AllowRuleInput(null, site, a.Id, b.Id, ["s7"], null), "maria")).Status);
        Assert.True(await rules.DeleteAsync(id, "maria"));
        Assert.False(await rules.DeleteAsync(id, "maria"));

        var flow = await service.Records.ObservedFlows.CreateAsync(
            new ObservedFlowInput(null, site, a.Id, b.Id, "modbus", Start, Start.AddHours(-1), -1, 10, "pcap line2.pcapng"), "maria");
        Assert.Equal(["lastSeen", "packets"], flow.Errors.Select(e => e.Field));
        Assert.Equal(RecordWriteStatus.Written, (await service.Records.ObservedFlows.CreateAsync(
            new ObservedFlowInput("flow-1", site, a.Id, b.Id, "modbus", Start, Start.AddHours(1), 12, 1200, "pcap line2.pcapng"), "maria")).Status);

        var window = await service.Records.MaintenanceWindows.CreateAsync(new MaintenanceWindowInput(null, site, "", "No such line", "someday", 6, "25:00", 0), "maria");
        Assert.Equal(["name", "processLine", "day", "weekOfMonth", "start", "durationHours"], window.Errors.Select(e => e.Field));
        var line = plant.Assets.First(x => x.SiteId == site && x.ProcessLine is not null).ProcessLine!;
        var good = await service.Records.MaintenanceWindows.CreateAsync(new MaintenanceWindowInput("mw-1", site, "Shutdown", line.ToUpperInvariant(), "saturday", 2, "22:30", 8), "maria");
        Assert.Equal(RecordWriteStatus.Written, good.Status);
        Assert.Equal((line, DayOfWeek.Saturday, new TimeOnly(22, 30)), (good.Record!.ProcessLine, good.Record.Day, good.Record.Start));

        await using var db = database.CreateContext();
        var entries = await db.AuditEntries.Where(e => e.Id > audited && e.Actor == "maria").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["create allow-rule", "update allow-rule", "delete allow-rule", "create observed-flow", "create maintenance-window"],
            entries.Select(e => $"{e.Action} {e.EntityType}"));
        Assert.All(entries, e => Assert.Equal(site, e.SiteId));
        Assert.Contains("\"services\":[\"modbus:tcp/502\"]", entries[1].After, StringComparison.Ordinal);
        Assert.Contains("\"services\":[\"s7:tcp/102\",\"https:tcp/443\"]", entries[1].Before, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_recompute_stores_one_snapshot_per_score_and_the_history_reads_them_oldest_first(DatabaseProvider provider)
    {
        var (database, service, clock) = await DemoAsync(provider);
        await using var _ = database;

        var first = await service.RecomputeAsync("demo");
        clock.Advance(TimeSpan.FromHours(1));
        var second = await service.RecomputeAsync("maria");

        await using var db = database.CreateContext();
        Assert.Equal(first.Report.Scores.Count + second.Report.Scores.Count, await db.ExposureSnapshots.CountAsync());
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.EntityType == ExposureService.AuditType && e.Action == "recompute"));

        var overall = await service.HistoryAsync(ScoreScope.Overall, null, null);
        Assert.Equal(["demo", "maria"], overall.Select(s => s.Trigger));
        Assert.Equal([Start, Start.AddHours(1)], overall.Select(s => s.At));
        Assert.Equal(first.Report.Overall.Score, overall[0].Score, 9);
        Assert.Equal(first.Report.CrownJewels.Count(j => j.Reachable), overall[0].CrownJewelsReachable);

        var site = first.Report.Scores.First(s => s.Scope == ScoreScope.Site);
        var siteHistory = await service.HistoryAsync(ScoreScope.Site, site.ScopeId, Start.AddMinutes(30));
        var point = Assert.Single(siteHistory);
        Assert.Equal((site.Name, site.Assets, site.ReachableAssets, "maria"), (point.Name, point.Assets, point.ReachableAssets, point.Trigger));
        Assert.Equal(first.Report.CrownJewels.Count(j => j.Reachable && j.SiteId == site.ScopeId), point.CrownJewelsReachable);

        var zone = first.Report.Scores.First(s => s.Scope == ScoreScope.Zone);
        Assert.Equal(2, (await service.HistoryAsync(ScoreScope.Zone, zone.ScopeId, null)).Count);
        Assert.Empty(await service.HistoryAsync(ScoreScope.Zone, "no-such-zone", null));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_current_analysis_is_kept_until_a_write_changes_the_data(DatabaseProvider provider)
    {
        var (database, service, clock) = await DemoAsync(provider);
        await using var _ = database;

        var first = await service.CurrentAsync();
        Assert.Same(first, await service.CurrentAsync());
        Assert.Equal(["data changed"], (await service.HistoryAsync(ScoreScope.Overall, null, null)).Select(s => s.Trigger));

        // A sign-in is audited but changes nothing the engine reads.
        await using (var db = database.CreateContext())
        {
            db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = "maria", Action = "sign-in", EntityType = "session" });
            await db.SaveChangesAsync();
        }

        Assert.Same(first, await service.CurrentAsync());

        var plant = first.Input.Inventory;
        var site = plant.Sites[0].Id;
        var (a, b) = (plant.Assets.First(x => x.SiteId == site), plant.Assets.Last(x => x.SiteId == site));
        var rule = await service.Records.AllowRules.CreateAsync(new AllowRuleInput("ar-new", site, a.Id, b.Id, ["rdp"], null), "maria");
        Assert.Equal(RecordWriteStatus.Written, rule.Status);

        var second = await service.CurrentAsync();
        Assert.NotSame(first, second);
        Assert.Contains(second.Input.AllowRules, r => r.Id == "ar-new");
        Assert.Same(second, await service.CurrentAsync());

        // A new service over the same database (a restart, a CLI run) recomputes but draws no flat duplicate into the trend.
        var stored = await service.HistoryAsync(ScoreScope.Overall, null, null);
        Assert.Equal(2, stored.Count);
        var restarted = new ExposureService(new SeamDbContextFactory(database.Options), clock);
        Assert.Equal(second.Report.Overall.Score, (await restarted.CurrentAsync()).Report.Overall.Score, 9);
        var points = await service.HistoryAsync(ScoreScope.Overall, null, null);
        Assert.Equal(stored.Select(p => p.Id), points.Select(p => p.Id));
        Assert.Equal(points[^1].DataVersion, await service.DataVersionAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Concurrent_callers_share_one_computation(DatabaseProvider provider)
    {
        var (database, service, _) = await DemoAsync(provider);
        await using var _ = database;

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => service.CurrentAsync())));

        Assert.All(results, r => Assert.Same(results[0], r));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.EntityType == ExposureService.AuditType));
        Assert.Equal(results[0].Report.Scores.Count, await db.ExposureSnapshots.CountAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_access_grant_that_starts_later_makes_the_analysis_expire_on_the_clock(DatabaseProvider provider)
    {
        var (database, service, clock) = await DemoAsync(provider);
        await using var _ = database;
        var plant = DemoPlant.Create();
        var target = plant.Assets.First(a => a.IsCrownJewel);
        await using (var db = database.CreateContext())
        {
            db.AccessGrants.Add(new AccessGrant
            {
                Id = "grant-1",
                SiteId = target.SiteId,
                Grantee = "vendor tech",
                AssetIds = [target.Id],
                ZoneId = target.ZoneId,
                From = Start.AddHours(2),
                To = Start.AddHours(4),
            });
            db.AuditEntries.Add(new AuditEntry { At = Start, Actor = "test", Action = "create", EntityType = "access-grant", EntityId = "grant-1" });
            await db.SaveChangesAsync();
        }

        var before = await service.CurrentAsync();
        Assert.Single(before.Input.AccessGrants);
        Assert.DoesNotContain(before.Report.EntryPoints, e => e.EntryPointId == "grant-1");

        clock.Advance(TimeSpan.FromHours(3));
        var during = await service.CurrentAsync();
        Assert.NotSame(before, during);
        Assert.Contains(during.Report.EntryPoints, e => e.EntryPointId == "grant-1" && e.IsAccessGrant);

        clock.Advance(TimeSpan.FromHours(2));
        var after = await service.CurrentAsync();
        Assert.Empty(after.Input.AccessGrants);
    }

    private static async Task<long> LastAuditIdAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }
}
