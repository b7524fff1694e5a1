using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Seam.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SeamDbContext"/> (scoped), a factory for the chosen provider and <see cref="InventoryStore"/>
    /// (singleton; it opens a context per call). Registers <see cref="TimeProvider.System"/> unless a clock is already registered.
    /// </summary>
    public static IServiceCollection AddSeamStorage(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresSeamDbContext>(o => SeamDbContextFactory.Configure(o, options));
            services.AddScoped<SeamDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgresSeamDbContext>>().CreateDbContext());
        }
        else
        {
            services.AddDbContextFactory<SqliteSeamDbContext>(o => SeamDbContextFactory.Configure(o, options));
            services.AddScoped<SeamDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SqliteSeamDbContext>>().CreateDbContext());
        }

        services.AddSingleton<SeamDbContextFactory>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InventoryStore>();
        services.AddSingleton<InventoryImporter>();
        services.AddSingleton<Intelligence.AdvisoryImporter>();
        services.AddSingleton<Intelligence.FeedImporter>();
        services.AddSingleton<Intelligence.FindingStore>();
        services.AddSingleton<Exposure.ExposureService>();
        services.AddSingleton<Governance.GovernanceService>();
        services.AddSingleton<Discovery.DiscoveryService>();
        return services;
    }
}

/// <summary>Creates contexts for the configured provider outside a request scope (CLI commands, background work).</summary>
public sealed class SeamDbContextFactory(DatabaseOptions options)
{
    public DatabaseOptions Options { get; } = options;

    public SeamDbContext Create() => Create(Options);

    public static SeamDbContext Create(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var b = new DbContextOptionsBuilder<PostgresSeamDbContext>();
            Configure(b, options);
            return new PostgresSeamDbContext(b.Options);
        }

        var s = new DbContextOptionsBuilder<SqliteSeamDbContext>();
        Configure(s, options);
        return new SqliteSeamDbContext(s.Options);
    }

    internal static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(options.ConnectionString);
        }
        else
        {
            builder.UseSqlite(options.ConnectionString);
        }
    }

    /// <summary>Applies pending migrations of the provider <paramref name="options"/> names. Creates the SQLite file's folder when needed.</summary>
    public static async Task PrepareAsync(DatabaseOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var db = Create(options);
        await db.Database.MigrateAsync(cancellationToken);
        await Audit.AuditChaining.StartAsync(db, TimeProvider.System, cancellationToken);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the database file, so setting it once here is enough. It lets readers (the UI) keep
            // working while an import writes, and with synchronous=FULL (the default) it stays durable.
            // It cannot be part of a migration because migrations run inside a transaction.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
