using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Testing.Databases;
using Seam.Testing.Inventory;

namespace Seam.Storage.Tests;

/// <summary>
/// A large import into an empty PostgreSQL table rebuilds its indexes and foreign keys once, after the rows are in.
/// Whatever happens, the table keeps exactly the indexes and constraints its migrations gave it.
/// </summary>
public sealed class PostgresInitialLoadTests
{
    private const string SchemaOfAssets =
        """
        SELECT string_agg(d, E'\n' ORDER BY d) AS "Value" FROM (
            SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'assets'
            UNION ALL
            SELECT conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE t.relname = 'assets'
        ) s
        """;

    [Fact]
    public async Task An_initial_load_keeps_every_index_and_foreign_key_of_the_table()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var before = await SchemaAsync(database);
        var plant = SampleInventory.Plant();

        var result = await database.CreateInventoryStore().ApplyAsync(
            plant with { Assets = [.. plant.Assets, .. SampleInventory.FieldAssets(12_000)] }, ImportMode.Merge, "test");

        Assert.True(result.Applied);
        Assert.Equal(12_000 + plant.Assets.Count, result[InventoryEntity.Asset].Created);
        Assert.Equal(before, await SchemaAsync(database));
        Assert.Contains("FOREIGN KEY (\"ZoneId\")", before, StringComparison.Ordinal);
        Assert.Contains("IX_assets_SiteId_Name_Id", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_initial_load_leaves_the_table_empty_with_its_indexes_and_keys()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                CREATE FUNCTION fail_asset() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    IF NEW."Id" = 'gen-011000' THEN RAISE EXCEPTION 'injected failure'; END IF;
                    RETURN NEW;
                END $f$;
                CREATE TRIGGER fail_asset BEFORE INSERT ON assets FOR EACH ROW EXECUTE FUNCTION fail_asset();
                """);
        }

        var before = await SchemaAsync(database);
        var plant = SampleInventory.Plant();

        await Assert.ThrowsAnyAsync<DbException>(() => database.CreateInventoryStore().ApplyAsync(
            plant with { Assets = [.. plant.Assets, .. SampleInventory.FieldAssets(12_000)] }, ImportMode.Merge, "test"));

        Assert.Equal(before, await SchemaAsync(database));
        Assert.Empty((await database.CreateInventoryStore().LoadAsync()).Assets);
    }

    private static async Task<string> SchemaAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Database.SqlQueryRaw<string>(SchemaOfAssets).SingleAsync();
    }
}
