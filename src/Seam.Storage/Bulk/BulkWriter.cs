using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Seam.Inventory;

namespace Seam.Storage.Bulk;

/// <summary>
/// Writes many rows of one table inside the caller's open transaction, the fastest way the provider offers.
/// Rows are <see cref="TableShape.ToRow"/> arrays. Throws on any database error; the caller rolls back.
/// </summary>
internal abstract class BulkWriter
{
    /// <summary>Rows between two cancellation checks and two progress reports: small enough for a smooth bar, large enough to cost nothing.</summary>
    protected const int BatchSize = 2_000;

    /// <param name="created">Rows whose key is not stored (checked inside this transaction).</param>
    /// <param name="updated">Rows whose key is stored and whose values differ.</param>
    public abstract Task UpsertAsync(TableShape table, IReadOnlyList<object?[]> created, IReadOnlyList<object?[]> updated, ProgressCounter progress, CancellationToken cancellationToken);

    public abstract Task DeleteAsync(TableShape table, IReadOnlyList<string> keys, ProgressCounter progress, CancellationToken cancellationToken);

    public static BulkWriter For(DbConnection connection, DbTransaction transaction) => connection switch
    {
        NpgsqlConnection npgsql => new PostgresBulkWriter(npgsql),
        SqliteConnection sqlite => new SqliteBulkWriter(sqlite, (SqliteTransaction)transaction),
        _ => throw new NotSupportedException($"No bulk writer for {connection.GetType().Name}."),
    };

    /// <summary>Quotes an identifier the same way on both providers (EF's column names are PascalCase).</summary>
    protected static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Counts rows written across all tables of one import and reports them, throttled to batches.</summary>
internal sealed class ProgressCounter(IProgress<ImportProgress>? progress, long total)
{
    private long _written;

    public long Total => total;

    /// <summary>The kind of record the rows reported next belong to.</summary>
    public InventoryEntity Entity { get; set; }

    public void Advance(int rows)
    {
        _written += rows;
        progress?.Report(new ImportProgress(_written, total, Entity));
    }
}
