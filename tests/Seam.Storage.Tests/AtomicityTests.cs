using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Testing.Databases;
using Seam.Testing.Inventory;

namespace Seam.Storage.Tests;

/// <summary>An import is all-or-nothing: whatever stops it, the database is left exactly as it was.</summary>
public sealed class AtomicityTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_import_with_an_error_writes_nothing_and_returns_the_problems(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var before = await Snapshot.OfAsync(database);
        var fine = new Team { Id = "t-new", Name = "New team" };
        var broken = new Asset { Id = "a-lost", SiteId = "plant-a", ZoneId = "z-nowhere", Name = "Lost", Criticality = 9 };

        var result = await store.ApplyAsync(new InventoryModel { Teams = [fine], Assets = [broken] }, ImportMode.Merge, "test");

        Assert.False(result.Applied);
        Assert.Null(result.AuditEntryId);
        Assert.Empty(result.Counts);
        Assert.Equal(["invalid-criticality", "unknown-zone"], result.Errors.Where(p => p.EntityId == "a-lost").Select(p => p.Code).Order());
        Assert.Equal(before, await Snapshot.OfAsync(database));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_merge_that_names_one_id_twice_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var before = await Snapshot.OfAsync(database);
        var twice = new[] { "First", "Second" }.Select(name => new Asset { Id = "a-twice", SiteId = "plant-a", Name = name }).ToList();

        var result = await store.ApplyAsync(new InventoryModel { Assets = twice }, ImportMode.Merge, "test");

        var problem = Assert.Single(result.Errors);
        Assert.Equal(("duplicate-id", InventoryEntity.Asset, "a-twice"), (problem.Code, problem.Entity, problem.EntityId));
        Assert.Equal(before, await Snapshot.OfAsync(database));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_database_failure_halfway_leaves_the_database_as_it_was(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        await FailInsertsOfAssetAsync(database);
        var before = await Snapshot.OfAsync(database);
        var plant = SampleInventory.Plant();
        plant.Teams[0].Name = "Renamed before the failure";
        plant.Assets[0].Notes = "Updated before the failure";

        // Teams are written first and the assets are updated, then created; the failure strikes in the middle of those.
        var incoming = plant with { Assets = [.. plant.Assets, .. SampleInventory.FieldAssets(5_000)] };

        await Assert.ThrowsAnyAsync<DbException>(() => store.ApplyAsync(incoming, ImportMode.Merge, "test"));

        Assert.Equal(before, await Snapshot.OfAsync(database));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Cancelling_halfway_leaves_the_database_as_it_was(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        var before = await Snapshot.OfAsync(database);
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Entity == InventoryEntity.Asset)
            {
                cancellation.Cancel();
            }
        });
        var plant = SampleInventory.Plant();
        plant.Teams[0].Name = "Renamed before the cancellation";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.ApplyAsync(plant with { Assets = [.. SampleInventory.FieldAssets(5_000)] }, ImportMode.Merge, "test", progress, cancellation.Token));

        Assert.InRange(progress.Reports[^1].RowsWritten, 1, progress.Reports[^1].TotalRows - 1);
        Assert.Equal(before, await Snapshot.OfAsync(database));
    }

    /// <summary>Halfway through <see cref="SampleInventory.FieldAssets"/>(5_000), after the first progress report.</summary>
    private const string FailingAssetId = "gen-002500";

    /// <summary>A trigger makes the database itself refuse one row, the way a constraint or a full disk would.</summary>
    private static async Task FailInsertsOfAssetAsync(TestDatabase database)
    {
        const string sqlite =
            $"CREATE TRIGGER fail_asset BEFORE INSERT ON assets WHEN NEW.\"Id\" = '{FailingAssetId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;";
        const string postgres =
            $$"""
            CREATE FUNCTION fail_asset() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                IF NEW."Id" = '{{FailingAssetId}}' THEN RAISE EXCEPTION 'injected failure'; END IF;
                RETURN NEW;
            END $f$;
            CREATE TRIGGER fail_asset BEFORE INSERT ON assets FOR EACH ROW EXECUTE FUNCTION fail_asset();
            """;
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(database.Provider == DatabaseProvider.Sqlite ? sqlite : postgres);
    }
}
