using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Seam.Inventory;
using Seam.Testing.Databases;
using Seam.Testing.Inventory;

namespace Seam.Storage.Tests;

public sealed class ImportModeTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_merge_creates_new_ids_updates_changed_ones_and_keeps_everything_else(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var plant = SampleInventory.Plant();
        var renamed = plant.Teams.Single(t => t.Id == "it-sec");
        renamed.Name = "OT Security Office";
        var unchangedPlc = plant.Assets.Single(a => a.Id == "a-plc-1");
        var added = new Asset { Id = "a-hmi-1", SiteId = "plant-a", ZoneId = "z-cell", Name = "HMI 1", Kind = AssetKind.Hmi, OwnerTeamId = "ot-line2" };

        var result = await store.ApplyAsync(new InventoryModel { Teams = [renamed], Assets = [unchangedPlc, added] }, ImportMode.Merge, "test");

        Assert.True(result.Applied);
        Assert.Equal(new EntityWriteCounts(0, 1, 0, 0), result[InventoryEntity.Team]);
        Assert.Equal(new EntityWriteCounts(1, 0, 1, 0), result[InventoryEntity.Asset]);
        Assert.Equal(new EntityWriteCounts(0, 0, 0, 0), result[InventoryEntity.Zone]);
        var loaded = await store.LoadAsync();
        Assert.Equal(["a-bare", "a-hmi-1", "a-plc-1"], loaded.Assets.Select(a => a.Id));
        Assert.Equal([("it-sec", "OT Security Office"), ("ot-line2", "Automatisierung Linie 2")], loaded.Teams.Select(t => (t.Id, t.Name)));
        Assert.Equal(2, loaded.People.Count);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_replace_makes_the_import_the_whole_inventory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var plant = SampleInventory.Plant();
        var plc = plant.Assets.Single(a => a.Id == "a-plc-1");
        plc.MaintainerTeamId = null;
        plc.Criticality = 4;

        // Removes zones that stored conduits, assets and entry points still point at: deletes must run children first.
        var replacement = new InventoryModel
        {
            Teams = [plant.Teams.Single(t => t.Id == "ot-line2")],
            Sites = plant.Sites,
            Zones = [plant.Zones.Single(z => z.Id == "z-cell")],
            Assets = [plc],
        };

        var result = await store.ApplyAsync(replacement, ImportMode.Replace, "test");

        Assert.True(result.Applied);
        Assert.Equal(InventoryJson.Canonical(replacement), InventoryJson.Canonical(await store.LoadAsync()));
        Assert.Equal(new EntityWriteCounts(0, 0, 1, 1), result[InventoryEntity.Team]);
        Assert.Equal(new EntityWriteCounts(0, 0, 0, 2), result[InventoryEntity.Person]);
        Assert.Equal(new EntityWriteCounts(0, 0, 1, 2), result[InventoryEntity.Zone]);
        Assert.Equal(new EntityWriteCounts(0, 0, 0, 2), result[InventoryEntity.Conduit]);
        Assert.Equal(new EntityWriteCounts(0, 1, 0, 1), result[InventoryEntity.Asset]);
        Assert.Equal(new EntityWriteCounts(0, 0, 0, 2), result[InventoryEntity.EntryPoint]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Importing_the_stored_inventory_again_counts_everything_as_unchanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");

        var merge = await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var replace = await store.ApplyAsync(await store.LoadAsync(), ImportMode.Replace, "test");

        foreach (var result in new[] { merge, replace })
        {
            Assert.Equal(new EntityWriteCounts(0, 0, 2, 0), result[InventoryEntity.Asset]);
            Assert.Equal(new EntityWriteCounts(0, 0, 3, 0), result[InventoryEntity.Zone]);
            Assert.All(result.Counts.Values, c => Assert.Equal(0, c.Created + c.Updated + c.Deleted));
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_applied_import_records_one_audit_entry_with_the_counts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 30, 0, TimeSpan.Zero));
        var store = database.CreateInventoryStore(clock);

        var result = await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "alice");

        await using var db = database.CreateContext();
        var entry = Assert.Single(await db.AuditEntries.ToListAsync());
        Assert.Equal(result.AuditEntryId, entry.Id);
        Assert.Equal("import", entry.Action);
        Assert.Equal("alice", entry.Actor);
        Assert.Equal("inventory", entry.EntityType);
        Assert.Equal(clock.GetUtcNow(), entry.At);
        Assert.Equal(
            "Merge import: teams 2 created, 0 updated, 0 unchanged, 0 deleted; people 2 created, 0 updated, 0 unchanged, 0 deleted; "
            + "sites 1 created, 0 updated, 0 unchanged, 0 deleted; zones 3 created, 0 updated, 0 unchanged, 0 deleted; "
            + "conduits 2 created, 0 updated, 0 unchanged, 0 deleted; assets 2 created, 0 updated, 0 unchanged, 0 deleted; "
            + "entry points 2 created, 0 updated, 0 unchanged, 0 deleted",
            entry.Summary);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_applied_import_returns_the_smells_it_stored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await database.CreateInventoryStore().ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");

        Assert.True(result.Applied);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Smells, p => p.Code == "asset-without-owner" && p.EntityId == "a-bare");
    }
}
