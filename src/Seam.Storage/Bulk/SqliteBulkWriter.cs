using System.Data.Common;
using Microsoft.Data.Sqlite;
using Seam.Inventory;

namespace Seam.Storage.Bulk;

/// <summary>
/// One prepared <c>INSERT … ON CONFLICT DO UPDATE</c> reused for every row: SQLite parses the statement once, and
/// inside a single transaction it syncs to disk once, at commit.
/// </summary>
internal sealed class SqliteBulkWriter(SqliteConnection connection, SqliteTransaction transaction) : BulkWriter
{
    public override Task UpsertAsync(TableShape table, IReadOnlyList<object?[]> created, IReadOnlyList<object?[]> updated, ProgressCounter progress, CancellationToken cancellationToken)
    {
        if (created.Count + updated.Count == 0)
        {
            return Task.CompletedTask;
        }

        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var values = string.Join(", ", table.Columns.Select((_, i) => "$p" + i));
        var assignments = string.Join(", ", table.Columns.Where(c => !c.IsKey).Select(c => $"{Quote(c.Name)} = excluded.{Quote(c.Name)}"));
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({columns}) VALUES ({values}) ON CONFLICT ({Quote(table.Key.Name)}) DO UPDATE SET {assignments}";

        // EF's type mappings configure the parameters (e.g. decimal as TEXT) exactly as SaveChanges would.
        var parameters = table.Columns.Select((c, i) => AddParameter(command, c, "$p" + i)).ToArray();
        command.Prepare();

        // Microsoft.Data.Sqlite's async methods run synchronously anyway; the sync call avoids a task per row.
        Write(created);
        Write(updated);
        return Task.CompletedTask;

        void Write(IReadOnlyList<object?[]> rows)
        {
            for (var start = 0; start < rows.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(rows.Count, start + BatchSize);
                for (var r = start; r < end; r++)
                {
                    var row = rows[r];
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        parameters[i].Value = row[i] ?? DBNull.Value;
                    }

                    command.ExecuteNonQuery();
                }

                progress.Advance(end - start);
            }
        }
    }

    public override Task DeleteAsync(TableShape table, IReadOnlyList<string> keys, ProgressCounter progress, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return Task.CompletedTask;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM {Quote(table.Name)} WHERE {Quote(table.Key.Name)} = $key";
        var key = AddParameter(command, table.Key, "$key");
        command.Prepare();
        for (var start = 0; start < keys.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(keys.Count, start + BatchSize);
            for (var k = start; k < end; k++)
            {
                key.Value = keys[k];
                command.ExecuteNonQuery();
            }

            progress.Advance(end - start);
        }

        return Task.CompletedTask;
    }

    private static DbParameter AddParameter(SqliteCommand command, TableShape.Column column, string name)
    {
        var parameter = column.Mapping.CreateParameter(command, name, value: null, nullable: true);
        command.Parameters.Add(parameter);
        return parameter;
    }
}
