using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Testing.Databases;
using Seam.Testing.Inventory;

namespace Seam.Storage.Tests;

public sealed class InventoryRoundTripTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_inventory_record_reads_back_exactly_as_imported(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        var plant = SampleInventory.Plant();

        var result = await store.ApplyAsync(plant, ImportMode.Merge, "test");
        var loaded = await store.LoadAsync();

        Assert.True(result.Applied);
        Assert.Equal(InventoryJson.Canonical(plant), InventoryJson.Canonical(loaded));
        var bare = loaded.Assets.Single(a => a.Id == "a-bare");
        Assert.Null(bare.Vendor);
        Assert.Null(bare.LastSeen);
        Assert.Null(bare.DowntimeCostPerHour);
        Assert.Empty(bare.Addresses);
        Assert.Empty(bare.Services);
        Assert.Equal(
            ["s7:tcp/102", "modbus:tcp/502", "udp/161"],
            loaded.Assets.Single(a => a.Id == "a-plc-1").Services.Select(s => s.ToString()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_inventory_loads_in_ordinal_id_order_on_every_provider(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        var plant = SampleInventory.Plant();
        string[] ids = ["b", "B", "a-2", "a_1", "Ä", "a10", "a9"];
        await store.ApplyAsync(plant with { Assets = [.. ids.Select(id => new Asset { Id = id, SiteId = "plant-a", Name = id })], EntryPoints = [] }, ImportMode.Replace, "test");

        var loaded = await store.LoadAsync();

        Assert.Equal(ids.Order(StringComparer.Ordinal), loaded.Assets.Select(a => a.Id));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bulk_written_rows_hold_the_same_column_values_as_rows_written_by_EF(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");
        await using (var db = database.CreateContext())
        {
            db.Assets.Add(PlcCalled("twin-ef"));
            await db.SaveChangesAsync();
        }

        await store.ApplyAsync(new InventoryModel { Assets = [PlcCalled("twin-bulk")] }, ImportMode.Merge, "test");

        var byEf = await ReadRawRowAsync(database, "twin-ef");
        var byBulk = await ReadRawRowAsync(database, "twin-bulk");
        Assert.Equal(byEf.Keys, byBulk.Keys);
        Assert.All(byEf.Keys.Where(column => column is not "Id" and not InventoryMapping.SearchTextColumn), column => Assert.Equal(byEf[column], byBulk[column]));

        // The database computes the search text the same way whichever path wrote the row; only the id in it differs.
        Assert.Equal(byEf[InventoryMapping.SearchTextColumn]?.ToString()?.Replace("twin-ef", "twin-bulk", StringComparison.Ordinal), byBulk[InventoryMapping.SearchTextColumn]?.ToString());
        Assert.Contains("siemens", byBulk[InventoryMapping.SearchTextColumn]?.ToString(), StringComparison.Ordinal);
        var again = await store.ApplyAsync(new InventoryModel { Assets = [PlcCalled("twin-ef")] }, ImportMode.Merge, "test");
        Assert.Equal(new EntityWriteCounts(0, 0, 1, 0), again[InventoryEntity.Asset]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Ten_thousand_assets_import_in_one_go_and_read_back_identical(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        var plant = SampleInventory.Plant();
        var incoming = plant with { Assets = [.. plant.Assets, .. SampleInventory.FieldAssets(10_000)] };
        var progress = new RecordingProgress();

        var result = await store.ApplyAsync(incoming, ImportMode.Merge, "test", progress);

        Assert.True(result.Applied);
        Assert.Equal(new EntityWriteCounts(10_002, 0, 0, 0), result[InventoryEntity.Asset]);
        Assert.Equal(InventoryJson.Canonical(incoming), InventoryJson.Canonical(await store.LoadAsync()));
        var last = progress.Reports[^1];
        Assert.Equal(last.TotalRows, last.RowsWritten);
        Assert.Equal(10_002 + 2 + 2 + 1 + 3 + 2 + 2, last.TotalRows);
        Assert.True(progress.Reports.Count > 5, "progress is reported in batches, not only at the end");
        Assert.Equal(progress.Reports.Select(r => r.RowsWritten).Order(), progress.Reports.Select(r => r.RowsWritten));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Changing_fifty_of_five_thousand_assets_rewrites_only_those(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        var plant = SampleInventory.Plant();
        var first = await store.ApplyAsync(plant with { Assets = [.. plant.Assets, .. SampleInventory.FieldAssets(5_000)] }, ImportMode.Merge, "test");
        Assert.True(first.Applied);
        var changed = SampleInventory.FieldAssets(5_000).ToList();
        foreach (var asset in changed.Where((_, i) => i % 100 == 0))
        {
            asset.Notes = "re-flashed";
            asset.LastSeen = SampleInventory.LastSeen.AddDays(1);
        }

        var result = await store.ApplyAsync(new InventoryModel { Assets = changed }, ImportMode.Merge, "test");

        Assert.Equal(new EntityWriteCounts(0, 50, 4_950, 0), result[InventoryEntity.Asset]);
        var loaded = await store.LoadAsync();
        Assert.Equal(50, loaded.Assets.Count(a => a.Notes == "re-flashed"));
        Assert.Equal(
            InventoryJson.Canonical(new InventoryModel { Assets = [.. plant.Assets, .. changed] }),
            InventoryJson.Canonical(new InventoryModel { Assets = loaded.Assets }));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Times_read_back_as_the_same_instant_in_utc(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = database.CreateInventoryStore();
        await store.ApplyAsync(SampleInventory.Plant(), ImportMode.Merge, "test");

        var lastSeen = (await store.LoadAsync()).Assets.Single(a => a.Id == "a-plc-1").LastSeen;

        Assert.Equal(SampleInventory.LastSeen, lastSeen);
        Assert.Equal(TimeSpan.Zero, lastSeen!.Value.Offset);
        await using var db = database.CreateContext();
        var justBefore = SampleInventory.LastSeen.AddTicks(-10).ToOffset(TimeSpan.FromHours(-5));
        Assert.Equal(["a-plc-1"], await db.Assets.Where(a => a.LastSeen > justBefore).Select(a => a.Id).ToListAsync());
    }

    private static Asset PlcCalled(string id)
    {
        var plc = SampleInventory.Plant().Assets.Single(a => a.Id == "a-plc-1");
        plc.Id = id;
        return plc;
    }

    /// <summary>The row as the database holds it: each column's value and its type (storage class on SQLite).</summary>
    private static async Task<Dictionary<string, string>> ReadRawRowAsync(TestDatabase database, string id)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM assets WHERE \"Id\" = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(
            reader.GetName,
            i => reader.IsDBNull(i) ? "NULL" : $"{reader.GetValue(i).GetType().Name}:{Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)}");
    }
}
