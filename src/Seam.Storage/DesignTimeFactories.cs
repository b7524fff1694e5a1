using Microsoft.EntityFrameworkCore.Design;

namespace Seam.Storage;

// Used only by `dotnet ef migrations add`: the tools need a context per provider without running the app.
// Neither connection string is opened while migrations are generated.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSeamDbContext>
{
    public SqliteSeamDbContext CreateDbContext(string[] args) =>
        (SqliteSeamDbContext)SeamDbContextFactory.Create(DatabaseOptions.Sqlite("seam-design-time.db"));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSeamDbContext>
{
    public PostgresSeamDbContext CreateDbContext(string[] args) =>
        (PostgresSeamDbContext)SeamDbContextFactory.Create(DatabaseOptions.Postgres("Host=localhost;Database=seam_design_time"));
}
