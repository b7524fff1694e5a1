using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Seam.Discovery;
using Seam.Inventory;
using Seam.Storage.Discovery;
using Seam.Storage.Exposure;
using Seam.Storage.Intelligence;
using Seam.Testing.Corpus;
using Seam.Testing.Databases;

namespace Seam.Storage.Tests.Discovery;

/// <summary>
/// A real capture (the corpus's mixed plant, mb2.pcap) reviewed against a small inventory on both providers: decisions
/// item by item, one merge that writes the accepted set with its observed flows, and nothing written when refused.
/// </summary>
public sealed class DiscoveryServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<DiscoveryRun> Mb2 = new(() => PassiveDiscovery.Analyse([SharedCorpus.Path("pcaps", "mixed", "mb2.pcap")]));

    /// <summary>The HMI 141.81.0.10 in a supervisory zone; PLCs in a cell zone; a conduit for Modbus and EtherNet/IP but not S7.</summary>
    public static InventoryModel Plant() => new()
    {
        Sites = [new Site { Id = "s1", Name = "Mixed plant" }],
        Zones =
        [
            new Zone { Id = "scada", SiteId = "s1", Name = "Supervisory", Level = PurdueLevel.Supervisory, Subnets = ["141.81.0.8/29"] },
            new Zone { Id = "cell", SiteId = "s1", Name = "Cell", Level = PurdueLevel.BasicControl, Subnets = ["141.81.0.16/28", "141.81.0.32/27", "141.81.0.64/26", "141.81.0.128/26"] },
        ],
        Conduits =
        [
            new Conduit
            {
                Id = "scada-cell", SiteId = "s1", Name = "SCADA to cell", FromZoneId = "scada", ToZoneId = "cell",
                Services = [ServiceEndpoint.Parse("modbus"), ServiceEndpoint.Parse("enip")],
            },
        ],
        Assets =
        [
            new Asset { Id = "hmi-1", SiteId = "s1", ZoneId = "scada", Name = "HMI", Kind = AssetKind.Hmi, Addresses = ["141.81.0.10"], MacAddresses = ["78:e7:d1:e0:02:5e"] },
            new Asset { Id = "plc-24", SiteId = "s1", ZoneId = "cell", Name = "Modbus PLC 24", Kind = AssetKind.Plc, Addresses = ["141.81.0.24"], MacAddresses = ["00:03:1d:00:00:01"] },
        ],
    };

    private static async Task<(TestDatabase Database, DiscoveryService Service, SeamDbContextFactory Contexts)> PlantAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var store = database.CreateInventoryStore(clock);
        Assert.True((await store.ApplyAsync(Plant(), ImportMode.Replace, "test")).Applied);
        var contexts = new SeamDbContextFactory(database.Options);
        return (database, new DiscoveryService(contexts, store, new FindingStore(contexts, clock), clock), contexts);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_accepted_set_merges_in_one_go_with_its_observed_flows_and_the_rest_stays_out(DatabaseProvider provider)
    {
        var (database, service, contexts) = await PlantAsync(provider);
        await using var _ = database;

        var created = await service.CreateAsync("s1", Mb2.Value, "eve");
        Assert.True(created.Succeeded, created.Error?.Message);
        var review = created.Value!.Review;
        Assert.Equal(["plc-24"], review.ChangedDevices.Select(d => d.AssetId));
        Assert.Contains(review.ChangedDevices[0].Changes, c => c.Field == "MAC addresses" && c.Observed == "00:03:1d:08:5b:00");
        var plc146 = Assert.Single(review.NewDevices, d => d.Device.Key == "141.81.0.146");
        Assert.Equal("cell", plc146.ZoneId);
        var s7To146 = Assert.Single(review.Violations, v => v.Flow.Server == "141.81.0.146");
        Assert.Equal("adding s7:tcp/102 to conduit SCADA to cell", s7To146.WouldBeAllowedBy);
        var s7To166 = Assert.Single(review.Violations, v => v.Flow.Server == "141.81.0.166");
        Assert.Equal(created.Value.Undecided, ReviewItems.Decidable(review).Count());

        var decided = await service.DecideAsync(created.Value.Summary.Id,
        [
            ("device:141.81.0.146", true),
            ("device:141.81.0.24", true),
            ("device:141.81.0.166", true),
            (ReviewItems.Flow(s7To146.Flow), true),
            (ReviewItems.Flow(s7To166.Flow), false), // a reviewer's call: the device joins, this traffic is not recorded
        ], "olga");
        Assert.True(decided.Succeeded, decided.Error?.Message);
        Assert.Equal(created.Value.Undecided - 5, decided.Value!.Undecided);

        var merge = await service.MergeAsync(created.Value.Summary.Id, "olga");
        Assert.True(merge.Succeeded, merge.Error?.Message);
        Assert.Equal(["discovered-141-81-0-146", "discovered-141-81-0-166"], merge.Value!.CreatedAssets.Order(StringComparer.Ordinal));
        Assert.Equal(["plc-24"], merge.Value.UpdatedAssets);

        await using var db = contexts.Create();
        var added = await db.Assets.AsNoTracking().SingleAsync(a => a.Id == "discovered-141-81-0-146");
        Assert.Equal(("cell", AssetKind.Plc, AssetSource.Discovery), (added.ZoneId, added.Kind, added.Source));
        Assert.Equal(["00:1b:1b:35:84:10"], added.MacAddresses);
        var plc24 = await db.Assets.AsNoTracking().SingleAsync(a => a.Id == "plc-24");
        Assert.Equal(["00:03:1d:00:00:01", "00:03:1d:08:5b:00"], plc24.MacAddresses);
        Assert.False(await db.Assets.AnyAsync(a => a.Id == "discovered-141-81-0-111")); // undecided: not merged

        var flows = await db.ObservedFlows.AsNoTracking().ToListAsync();
        var s7 = Assert.Single(flows, f => f.TargetAssetId == "discovered-141-81-0-146");
        Assert.Equal(("hmi-1", "s7:tcp/102", s7To146.Flow.Packets, s7To146.Flow.Bytes), (s7.SourceAssetId, s7.Service.ToString(), s7.Packets, s7.Bytes));
        Assert.StartsWith("discovery D-", s7.Source, StringComparison.Ordinal);
        Assert.Contains(flows, f => f.SourceAssetId == "hmi-1" && f.TargetAssetId == "plc-24" && f.Service.ToString() == "modbus:tcp/502");
        Assert.DoesNotContain(flows, f => f.TargetAssetId == "discovered-141-81-0-166"); // the rejected violation
        Assert.Equal(merge.Value.FlowsCreated, flows.Count);

        var closed = await service.GetAsync(created.Value.Summary.Id);
        Assert.Equal(DiscoveryStatus.Merged, closed!.Summary.Status);
        Assert.Equal(merge.Value.Describe(), closed.Summary.Outcome);
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Actor == "olga").Select(e => e.Summary).ToListAsync();
        Assert.Contains(audit, s => s!.StartsWith("Merge import (D-1 merged:", StringComparison.Ordinal));

        var again = await service.MergeAsync(created.Value.Summary.Id, "olga");
        Assert.Equal(DiscoveryErrorKind.Closed, again.Error!.Kind);
        var late = await service.DecideAsync(created.Value.Summary.Id, [("device:141.81.0.111", true)], "olga");
        Assert.Equal(DiscoveryErrorKind.Closed, late.Error!.Kind);

        // The flows reach the exposure engine's input.
        var input = await new ExposureService(contexts, TimeProvider.System).LoadInputAsync();
        Assert.Contains(input.ObservedFlows, f => f.Id == s7.Id);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Firmware_seen_on_the_wire_and_accepted_moves_the_asset_out_of_an_advisory_s_range(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var store = database.CreateInventoryStore(clock);
        var plant = new InventoryModel
        {
            Sites = [new Site { Id = "s7", Name = "S7 cell" }],
            Assets = [new Asset { Id = "cpu-315", SiteId = "s7", Name = "CPU 315", Kind = AssetKind.Plc, Vendor = "Siemens", Product = "CPU 315-2 PN/DP", Version = "V3.2.5", Addresses = ["172.17.0.2"] }],
        };
        Assert.True((await store.ApplyAsync(plant, ImportMode.Replace, "test")).Applied);
        var contexts = new SeamDbContextFactory(database.Options);
        var findings = new FindingStore(contexts, clock);

        // The demo S7-1500 advisory, retargeted at the corpus's CPU 315-2 PN/DP: fixed in V3.2.6.
        var demo = Seam.Intelligence.Demo.DemoAdvisories.All().Single(a => a.Name == "seam-demo-2026-001.json");
        var text = System.Text.Encoding.UTF8.GetString(demo.Content).Replace("SIMATIC S7-1500 CPU 1516-3 PN/DP", "CPU 315-2 PN/DP", StringComparison.Ordinal)
            .Replace("V3.0.3", "V3.2.6", StringComparison.Ordinal);
        var imported = await new AdvisoryImporter(contexts, clock).ImportAsync([new AdvisoryInput("retargeted.json", System.Text.Encoding.UTF8.GetBytes(text), "not provided", "not provided")], "test");
        Assert.Equal(0, imported.Rejected);
        await findings.RefreshAsync("test");
        await using (var db = contexts.Create())
        {
            Assert.Contains(await db.Findings.AsNoTracking().Where(f => f.AssetId == "cpu-315").Select(f => f.State).ToListAsync(), s => s == Seam.Intelligence.Findings.FindingState.Open);
        }

        var service = new DiscoveryService(contexts, store, findings, clock);
        var run = PassiveDiscovery.Analyse([SharedCorpus.Path("pcaps", "s7comm", "s7ident.pcap")]);
        var created = await service.CreateAsync("s7", run, "eve");
        var change = Assert.Single(created.Value!.Review.ChangedDevices);
        var version = Assert.Single(change.Changes, c => c.Field == "version");
        Assert.Equal(("V3.2.5", "V3.2.6"), (version.Recorded, version.Observed));
        Assert.StartsWith("S7comm said so", version.Evidence, StringComparison.Ordinal);

        await service.DecideAsync(created.Value.Summary.Id, [(ReviewItems.Device(change.Device), true)], "olga");
        var merge = await service.MergeAsync(created.Value.Summary.Id, "olga");

        Assert.True(merge.Succeeded, merge.Error?.Message);
        Assert.NotNull(merge.Value!.Findings);
        await using var check = contexts.Create();
        Assert.Equal("V3.2.6", (await check.Assets.AsNoTracking().SingleAsync(a => a.Id == "cpu-315")).Version);
        Assert.DoesNotContain(await check.Findings.AsNoTracking().Where(f => f.AssetId == "cpu-315").Select(f => f.State).ToListAsync(), s => s == Seam.Intelligence.Findings.FindingState.Open);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_second_capture_adds_to_the_flows_the_first_recorded(DatabaseProvider provider)
    {
        var (database, service, contexts) = await PlantAsync(provider);
        await using var _ = database;

        for (var i = 0; i < 2; i++)
        {
            var created = await service.CreateAsync("s1", Mb2.Value, "eve");
            Assert.True((await service.MergeAsync(created.Value!.Summary.Id, "olga")).Succeeded);
        }

        await using var db = contexts.Create();
        var flow = await db.ObservedFlows.AsNoTracking().SingleAsync(f => f.SourceAssetId == "hmi-1" && f.TargetAssetId == "plc-24");
        var once = Mb2.Value.Result.Flows.Single(f => f.Client == "141.81.0.10" && f.Server == "141.81.0.24");
        Assert.Equal((2 * once.Packets, 2 * once.Bytes), (flow.Packets, flow.Bytes));
        Assert.Equal(0, await db.Assets.CountAsync(a => a.Source == AssetSource.Discovery)); // nothing was accepted
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_merge_the_inventory_refuses_writes_nothing_and_leaves_the_review_open(DatabaseProvider provider)
    {
        var (database, service, contexts) = await PlantAsync(provider);
        await using var _ = database;
        var created = await service.CreateAsync("s1", Mb2.Value, "eve");
        await service.DecideAsync(created.Value!.Summary.Id, [("device:141.81.0.146", true)], "olga");
        await using (var db = contexts.Create())
        {
            // Stored outside the importer's checks, so the merged inventory fails validation.
            await db.Assets.Where(a => a.Id == "plc-24").ExecuteUpdateAsync(s => s.SetProperty(a => a.Criticality, 9));
        }

        var merge = await service.MergeAsync(created.Value.Summary.Id, "olga");

        Assert.Equal(DiscoveryErrorKind.Invalid, merge.Error!.Kind);
        Assert.Contains("Criticality 9", merge.Error.Message, StringComparison.Ordinal);
        await using var check = contexts.Create();
        Assert.False(await check.Assets.AnyAsync(a => a.Source == AssetSource.Discovery));
        Assert.Equal(0, await check.ObservedFlows.CountAsync());
        Assert.Equal(DiscoveryStatus.Open, (await check.Discoveries.SingleAsync()).Status);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Decisions_name_items_of_the_review_and_a_site_must_exist(DatabaseProvider provider)
    {
        var (database, service, _) = await PlantAsync(provider);
        await using var __ = database;

        var nowhere = await service.CreateAsync("nowhere", Mb2.Value, "eve");
        Assert.Equal(DiscoveryErrorKind.Invalid, nowhere.Error!.Kind);
        Assert.Contains("no site 'nowhere'", nowhere.Error.Message, StringComparison.Ordinal);

        var created = await service.CreateAsync("s1", Mb2.Value, "eve");
        var unknown = await service.DecideAsync(created.Value!.Summary.Id, [("device:10.9.9.9", true)], "olga");
        Assert.Equal(DiscoveryErrorKind.Invalid, unknown.Error!.Kind);
        Assert.Contains("device:10.9.9.9", unknown.Error.Message, StringComparison.Ordinal);

        var changed = await service.DecideAsync(created.Value.Summary.Id, [("device:141.81.0.146", true), ("device:141.81.0.146", false)], "olga");
        Assert.False(changed.Value!.DecisionOn("device:141.81.0.146")!.Accepted);

        var discarded = await service.DiscardAsync(created.Value.Summary.Id, "olga", "capture from the wrong port");
        Assert.Equal("Discarded: capture from the wrong port", discarded.Value!.Outcome);
        Assert.Equal(DiscoveryErrorKind.NotFound, (await service.MergeAsync(999, "olga")).Error!.Kind);
    }
}
