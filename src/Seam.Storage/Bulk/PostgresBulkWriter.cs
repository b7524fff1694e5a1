using Npgsql;
using NpgsqlTypes;

namespace Seam.Storage.Bulk;

/// <summary>
/// Binary COPY, PostgreSQL's own bulk-load protocol. New rows go straight into the table; changed rows go into a
/// temporary staging table first and are merged with one <c>INSERT … SELECT … ON CONFLICT DO UPDATE</c>.
/// </summary>
internal sealed class PostgresBulkWriter(NpgsqlConnection connection) : BulkWriter
{
    public override async Task UpsertAsync(TableShape table, IReadOnlyList<object?[]> created, IReadOnlyList<object?[]> updated, ProgressCounter progress, CancellationToken cancellationToken)
    {
        if (created.Count >= InitialLoadThreshold && await IsEmptyAsync(table, cancellationToken))
        {
            await InitialLoadAsync(table, created, progress, cancellationToken);
        }
        else if (created.Count > 0)
        {
            // The caller saw none of these keys inside this transaction; a concurrent writer that inserts one
            // makes COPY fail with a key violation and the whole import roll back, which is the right outcome.
            await CopyAsync(Quote(table.Name), table, created, progress, cancellationToken);
        }

        if (updated.Count == 0)
        {
            return;
        }

        var stage = Quote("seam_stage_" + table.Name);
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var assignments = string.Join(", ", table.Columns.Where(c => !c.IsKey).Select(c => $"{Quote(c.Name)} = excluded.{Quote(c.Name)}"));
        await ExecuteAsync($"CREATE TEMP TABLE {stage} (LIKE {Quote(table.Name)}) ON COMMIT DROP", cancellationToken);
        await CopyAsync(stage, table, updated, progress, cancellationToken);
        await ExecuteAsync(
            $"INSERT INTO {Quote(table.Name)} ({columns}) SELECT {columns} FROM {stage} ON CONFLICT ({Quote(table.Key.Name)}) DO UPDATE SET {assignments}",
            cancellationToken);
        await ExecuteAsync($"DROP TABLE {stage}", cancellationToken);
    }

    /// <summary>From this many new rows into an empty table, building indexes and checking keys once beats doing it per row.</summary>
    private const int InitialLoadThreshold = 10_000;

    /// <summary>
    /// Loads an empty table the way PostgreSQL's documentation recommends for bulk loads: without its secondary
    /// indexes and foreign keys, which are then rebuilt and validated once over all rows. It all happens inside the
    /// import's transaction (PostgreSQL's DDL is transactional), so a failure — including a foreign key that no longer
    /// holds — rolls back to the table as it was, indexes and constraints included. The table is locked for the
    /// duration, which only an initial load of an empty table pays.
    /// </summary>
    private async Task InitialLoadAsync(TableShape table, IReadOnlyList<object?[]> rows, ProgressCounter progress, CancellationToken cancellationToken)
    {
        var indexes = await ReadDefinitionsAsync(
            """
            SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary AND NOT x.indisunique
            """, table.Name, cancellationToken);
        var foreignKeys = await ReadDefinitionsAsync(
            """
            SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND c.contype = 'f'
            """, table.Name, cancellationToken);

        foreach (var (name, _) in foreignKeys)
        {
            await ExecuteAsync($"ALTER TABLE {Quote(table.Name)} DROP CONSTRAINT {Quote(name)}", cancellationToken);
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync($"DROP INDEX {Quote(name)}", cancellationToken);
        }

        await CopyAsync(Quote(table.Name), table, rows, progress, cancellationToken);

        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(definition, cancellationToken);
        }

        foreach (var (name, definition) in foreignKeys)
        {
            await ExecuteAsync($"ALTER TABLE {Quote(table.Name)} ADD CONSTRAINT {Quote(name)} {definition}", cancellationToken);
        }
    }

    private async Task<bool> IsEmptyAsync(TableShape table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT NOT EXISTS (SELECT 1 FROM {Quote(table.Name)})", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<(string Name, string Definition)>> ReadDefinitionsAsync(string sql, string tableName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tableName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    public override async Task DeleteAsync(TableShape table, IReadOnlyList<string> keys, ProgressCounter progress, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"DELETE FROM {Quote(table.Name)} WHERE {Quote(table.Key.Name)} = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        progress.Advance(keys.Count);
    }

    private async Task CopyAsync(string target, TableShape table, IReadOnlyList<object?[]> rows, ProgressCounter progress, CancellationToken cancellationToken)
    {
        var writers = table.Columns.Select(WriterFor).ToArray();
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));

        // Disposing an importer that was not completed cancels the COPY, so an exception leaves nothing behind.
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(rows.Count, start + BatchSize);
            for (var r = start; r < end; r++)
            {
                var row = rows[r];
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < writers.Length; i++)
                {
                    if (row[i] is { } value)
                    {
                        await writers[i](importer, value, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            progress.Advance(end - start);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A typed writer per column, chosen once: binary COPY has no type inference per value and boxing per call would be slow.</summary>
    private static Func<NpgsqlBinaryImporter, object, CancellationToken, Task> WriterFor(TableShape.Column column) => column.ProviderType switch
    {
        var t when t == typeof(string) => (w, v, ct) => w.WriteAsync((string)v, NpgsqlDbType.Text, ct),
        var t when t == typeof(int) => (w, v, ct) => w.WriteAsync((int)v, NpgsqlDbType.Integer, ct),
        var t when t == typeof(long) => (w, v, ct) => w.WriteAsync((long)v, NpgsqlDbType.Bigint, ct),
        var t when t == typeof(bool) => (w, v, ct) => w.WriteAsync((bool)v, NpgsqlDbType.Boolean, ct),
        var t when t == typeof(decimal) => (w, v, ct) => w.WriteAsync((decimal)v, NpgsqlDbType.Numeric, ct),
        var t when t == typeof(double) => (w, v, ct) => w.WriteAsync((double)v, NpgsqlDbType.Double, ct),
        var t when t == typeof(DateTimeOffset) => (w, v, ct) => w.WriteAsync((DateTimeOffset)v, NpgsqlDbType.TimestampTz, ct),
        var t when t == typeof(Guid) => (w, v, ct) => w.WriteAsync((Guid)v, NpgsqlDbType.Uuid, ct),
        var t when t == typeof(DateOnly) => (w, v, ct) => w.WriteAsync((DateOnly)v, NpgsqlDbType.Date, ct),
        var t => throw new NotSupportedException($"Column {column.Name}: no binary COPY writer for {t.Name}; add one here."),
    };
}
