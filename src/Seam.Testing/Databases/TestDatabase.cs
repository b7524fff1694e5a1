using Microsoft.Data.Sqlite;
using Seam.Storage;

namespace Seam.Testing.Databases;

/// <summary>
/// A database of its own for one test: a temporary SQLite file, or a new database on the
/// <see cref="PostgresTestServer"/>. Removed again on dispose.
/// </summary>
/// <example><code>await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);</code></example>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseOptions options) => Options = options;

    /// <summary>Where the database is, in the form <c>--db</c> and <c>SEAM_DB</c> resolve to.</summary>
    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    /// <summary>A new database with every migration applied and no rows.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken = default)
    {
        var database = await CreateWithoutSchemaAsync(provider, cancellationToken);
        await SeamDbContextFactory.PrepareAsync(database.Options, cancellationToken);
        return database;
    }

    /// <summary>A new database with no tables at all, for tests of the migrations themselves.</summary>
    public static async Task<TestDatabase> CreateWithoutSchemaAsync(DatabaseProvider provider, CancellationToken cancellationToken = default)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresTestServer.GetAsync();
            return new TestDatabase(DatabaseOptions.Postgres(await server.CreateDatabaseAsync(cancellationToken)));
        }

        var folder = Path.Combine(Path.GetTempPath(), "seam-tests");
        Directory.CreateDirectory(folder);
        return new TestDatabase(DatabaseOptions.Sqlite(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db")));
    }

    public SeamDbContext CreateContext() => SeamDbContextFactory.Create(Options);

    /// <param name="time">The clock for audit entries; <see cref="TimeProvider.System"/> when null.</param>
    public InventoryStore CreateInventoryStore(TimeProvider? time = null) =>
        new(new SeamDbContextFactory(Options), time ?? TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresTestServer.GetAsync();
            await server.DropDatabaseAsync(Options.ConnectionString);
            return;
        }

        // Pooled connections keep the file open; SQLite's WAL mode adds two companion files.
        using (var connection = new SqliteConnection(Options.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        var path = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>Theory data that runs a persistence test once per supported database provider.</summary>
/// <example><code>[Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]</code></example>
public static class Providers
{
    public static IEnumerable<object[]> Both => [[DatabaseProvider.Sqlite], [DatabaseProvider.Postgres]];
}
