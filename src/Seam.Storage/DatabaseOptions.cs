namespace Seam.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where Seam keeps its data. <c>--db</c> / <c>SEAM_DB</c> take either a SQLite file path or a PostgreSQL
/// connection string ("Host=…;Database=…" or a postgres:// URL); the default is a SQLite file in the user's data folder.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, string Description)
{
    public const string EnvironmentVariable = "SEAM_DB";

    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "seam", "seam.db");

    /// <summary>Resolves <paramref name="value"/> (from --db), then SEAM_DB, then the default file.</summary>
    public static DatabaseOptions Resolve(string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : value;
        return string.IsNullOrWhiteSpace(text) ? Sqlite(DefaultSqlitePath) : Parse(text);
    }

    public static DatabaseOptions Parse(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(FromUrl(new Uri(t)));
        }

        if (t.Contains("Host=", StringComparison.OrdinalIgnoreCase) || t.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(t);
        }

        if (t.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseOptions(DatabaseProvider.Sqlite, t, t);
        }

        return Sqlite(t);
    }

    public static DatabaseOptions Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        return new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={full}", $"SQLite file {full}");
    }

    public static DatabaseOptions Postgres(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return new DatabaseOptions(DatabaseProvider.Postgres, connectionString, $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}");
    }

    private static string FromUrl(Uri url)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port,
            Database = url.AbsolutePath.Trim('/'),
        };
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            var parts = url.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        return builder.ConnectionString;
    }
}
