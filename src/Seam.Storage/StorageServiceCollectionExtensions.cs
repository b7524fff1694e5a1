using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Seam.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SeamDbContext"/> (scoped) and a factory for the chosen provider.</summary>
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

    /// <summary>Brings the schema up to date. Creates the SQLite file's folder when needed.</summary>
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

        // TODO(storage): replace with MigrateAsync once the per-provider migrations exist.
        await db.Database.EnsureCreatedAsync(cancellationToken);
    }
}
