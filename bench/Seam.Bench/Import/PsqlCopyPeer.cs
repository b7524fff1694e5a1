using System.Globalization;
using System.Text;
using Npgsql;
using Seam.Bench.Harness;
using Seam.Inventory;
using Seam.Testing.Databases;

namespace Seam.Bench.Import;

/// <summary>How the peer's target table looks.</summary>
public enum PeerTable
{
    /// <summary>Every CSV column as text; no keys, no indexes: the floor of what loading these bytes costs.</summary>
    PlainText,

    /// <summary>The columns of Seam's <c>assets</c> table with its types, NOT NULLs, primary key, seven indexes and four foreign keys.</summary>
    SeamShape,
}

/// <summary>
/// The peer: PostgreSQL's own bulk loader, psql's <c>\copy … FROM 'assets.csv' WITH (FORMAT csv, HEADER true)</c>, run as a
/// process against a fresh database on the same server Seam writes to. The time is the psql process from start to exit.
/// </summary>
public sealed class PsqlCopyPeer(PostgresTestServer server, string assetsCsv, InventoryModel model)
{
    /// <summary>Seam's column type for each assets.csv column (see the Postgres migrations); a new CSV column fails here loudly.</summary>
    private static readonly Dictionary<string, string> ShapedColumns = new(StringComparer.Ordinal)
    {
        ["id"] = "varchar(100) NOT NULL PRIMARY KEY",
        ["site"] = "varchar(100) NOT NULL REFERENCES peer_sites (id)",
        ["zone"] = "varchar(100) REFERENCES peer_zones (id)",
        ["name"] = "varchar(200) NOT NULL",
        ["kind"] = "varchar(32) NOT NULL",
        ["vendor"] = "varchar(200)",
        ["product"] = "varchar(200)",
        ["model"] = "varchar(200)",
        ["version"] = "varchar(100)",
        ["serial_number"] = "text",
        ["addresses"] = "text NOT NULL",
        ["mac_addresses"] = "text NOT NULL",
        ["services"] = "text NOT NULL",
        ["identifiers"] = "text NOT NULL",
        ["owner"] = "varchar(100) REFERENCES peer_teams (id)",
        ["maintainer"] = "varchar(100) REFERENCES peer_teams (id)",
        ["criticality"] = "integer NOT NULL",
        ["safety_relevant"] = "boolean NOT NULL",
        ["process_line"] = "text",
        ["downtime_cost_per_hour"] = "numeric(18,2)",
        ["patchability"] = "varchar(32) NOT NULL",
        ["crown_jewel"] = "boolean NOT NULL",
        ["source"] = "varchar(16) NOT NULL",
        ["last_seen"] = "timestamptz",
        ["notes"] = "text",
    };

    /// <summary>The secondary indexes of Seam's assets table (IX_assets_*), by CSV column.</summary>
    private static readonly string[][] ShapedIndexes =
    [
        ["zone"], ["name", "id"], ["site", "name", "id"], ["kind"], ["vendor"], ["owner"], ["maintainer"],
    ];

    /// <summary>Lists are stored as "" rather than NULL by Seam; an empty CSV field is NULL to COPY unless forced.</summary>
    private static readonly string[] NeverNull = ["addresses", "mac_addresses", "services", "identifiers"];

    public static string PsqlPath { get; } = FindPsql();

    /// <summary>Creates a fresh database and the table (untimed), times the \copy, checks the row count, drops the database.</summary>
    public async Task<TimeSpan> CopyOnceAsync(PeerTable table, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync(cancellationToken);
        try
        {
            var header = (await File.ReadLinesAsync(assetsCsv, cancellationToken).FirstAsync(cancellationToken)).Split(',');
            await PrepareAsync(connectionString, table, header, cancellationToken);

            var options = table == PeerTable.SeamShape ? $", FORCE_NOT_NULL ({string.Join(", ", NeverNull)})" : "";
            var copy = $"\\copy {TableName(table)} FROM '{assetsCsv.Replace("'", "''", StringComparison.Ordinal)}' WITH (FORMAT csv, HEADER true{options})";
            var outcome = await RunPsqlAsync(connectionString, copy, cancellationToken);
            var expected = string.Create(CultureInfo.InvariantCulture, $"COPY {model.Assets.Count}");
            if (outcome.ExitCode != 0 || outcome.StandardOutput.Trim() != expected)
            {
                throw new BenchmarkFailure($"psql \\copy into {TableName(table)} failed (exit {outcome.ExitCode}): {outcome.StandardOutput}{outcome.StandardError}");
            }

            return outcome.Elapsed;
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private static string TableName(PeerTable table) => table == PeerTable.SeamShape ? "assets_peer" : "assets_peer_text";

    private async Task PrepareAsync(string connectionString, PeerTable table, string[] header, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder();
        if (table == PeerTable.PlainText)
        {
            sql.Append("CREATE TABLE assets_peer_text (").AppendJoin(", ", header.Select(c => $"\"{c}\" text")).Append(");");
        }
        else
        {
            var unknown = header.Where(c => !ShapedColumns.ContainsKey(c)).ToList();
            if (unknown.Count > 0)
            {
                throw new BenchmarkFailure($"assets.csv has columns the peer table does not know: {string.Join(", ", unknown)}. Add them to {nameof(PsqlCopyPeer)}.");
            }

            sql.Append("CREATE TABLE peer_sites (id varchar(100) PRIMARY KEY);")
                .Append("CREATE TABLE peer_zones (id varchar(100) PRIMARY KEY);")
                .Append("CREATE TABLE peer_teams (id varchar(100) PRIMARY KEY);")
                .Append("CREATE TABLE assets_peer (").AppendJoin(", ", header.Select(c => $"\"{c}\" {ShapedColumns[c]}")).Append(");");
            foreach (var columns in ShapedIndexes)
            {
                sql.Append(CultureInfo.InvariantCulture, $"CREATE INDEX ix_assets_peer_{string.Join('_', columns)} ON assets_peer ({string.Join(", ", columns)});");
            }
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(sql.ToString(), connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        if (table == PeerTable.SeamShape)
        {
            // The referenced rows exist before the copy, as the sites, zones and teams do when Seam writes its assets.
            await InsertIdsAsync(connection, "peer_sites", model.Sites.Select(s => s.Id), cancellationToken);
            await InsertIdsAsync(connection, "peer_zones", model.Zones.Select(z => z.Id), cancellationToken);
            await InsertIdsAsync(connection, "peer_teams", model.Teams.Select(t => t.Id), cancellationToken);
        }

        NpgsqlConnection.ClearPool(connection);
    }

    private static async Task InsertIdsAsync(NpgsqlConnection connection, string table, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand($"INSERT INTO {table} (id) SELECT unnest(@ids)", connection);
        insert.Parameters.AddWithValue("ids", ids.ToArray());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static Task<ProcessOutcome> RunPsqlAsync(string connectionString, string command, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string> { ["PGCONNECT_TIMEOUT"] = "10" };
        if (!string.IsNullOrEmpty(builder.Password))
        {
            environment["PGPASSWORD"] = builder.Password;
        }

        string[] arguments =
        [
            "-X", "-v", "ON_ERROR_STOP=1",
            "-h", builder.Host ?? "127.0.0.1",
            "-p", builder.Port.ToString(CultureInfo.InvariantCulture),
            "-U", builder.Username ?? "postgres",
            "-d", builder.Database ?? "postgres",
            "-c", command,
        ];
        return ProcessRunner.RunAsync(PsqlPath, arguments, TimeSpan.FromMinutes(10), environment, cancellationToken: cancellationToken);
    }

    private static string FindPsql()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "psql"));
        var serverBins = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin", "psql"))
            : [];
        return onPath.Concat(serverBins).FirstOrDefault(File.Exists)
            ?? throw new BenchmarkFailure("The import peer needs psql (Debian/Ubuntu: apt-get install postgresql-client).");
    }
}
