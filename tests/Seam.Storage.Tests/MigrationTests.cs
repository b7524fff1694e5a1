using Microsoft.EntityFrameworkCore;
using Seam.Storage;
using Seam.Testing.Databases;

namespace Seam.Storage.Tests;

public sealed class MigrationTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_fresh_database_migrates_to_exactly_the_current_model(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateWithoutSchemaAsync(provider);

        await SeamDbContextFactory.PrepareAsync(database.Options);

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: add one for both providers (docs/storage.md).");
        Assert.Equal(0, await db.Assets.CountAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Preparing_an_up_to_date_database_again_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.CreateInventoryStore().ApplyAsync(Testing.Inventory.SampleInventory.Plant(), Inventory.ImportMode.Merge, "test");

        await SeamDbContextFactory.PrepareAsync(database.Options);

        await using var db = database.CreateContext();
        Assert.Equal(2, await db.Assets.CountAsync());
    }

    [Fact]
    public async Task A_sqlite_database_is_switched_to_write_ahead_logging()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();

        var mode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync();

        Assert.Equal("wal", mode);
    }
}
