using System.Globalization;

namespace Seam.Inventory.Exchange;

/// <summary>Reads one of Seam's per-entity CSV files (teams.csv … entry_points.csv) whose header row the tokenizer has just read.</summary>
internal static class CsvTableReader
{
    public static void Read<T>(Table<T> table, CsvTokenizer csv, string file, ImportState state)
    {
        var fieldAt = new Field<T>?[csv.FieldCount];
        var columns = new Dictionary<string, CsvColumn>(StringComparer.Ordinal);
        var headerOk = true;
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var header = csv[i].ToString();
            if (header.Length == 0)
            {
                continue; // Excel leaves empty header cells after the last column; their cells are ignored
            }

            var field = table.Find(header);
            if (field is null)
            {
                state.Errors.Add(new ImportError(file, csv.RecordLine, i + 1, header, $"'{header}' is not a column of {table.FileName}",
                    "one of " + string.Join(", ", table.Header)));
                headerOk = false;
            }
            else if (columns.TryGetValue(field.Name, out var earlier))
            {
                state.Errors.Add(new ImportError(file, csv.RecordLine, i + 1, header,
                    $"column '{field.Name}' appears twice (first as column {earlier.Number.ToString(CultureInfo.InvariantCulture)})", "each column once"));
                headerOk = false;
            }
            else
            {
                columns[field.Name] = new CsvColumn(i + 1, header);
                fieldAt[i] = field;
            }
        }

        foreach (var field in table.Fields.Where(f => f.IsRequired && !columns.ContainsKey(f.Name)))
        {
            state.Errors.Add(new ImportError(file, csv.RecordLine, null, null, $"the required column '{field.Name}' is missing",
                "a header row with at least " + string.Join(", ", table.Fields.Where(f => f.IsRequired).Select(f => f.Name))));
            headerOk = false;
        }

        if (!headerOk)
        {
            return; // with the columns wrong every row would fail; the header errors say all there is to say
        }

        var required = table.Fields.Where(f => f.IsRequired).Select(f => columns[f.Name]).ToArray();
        while (!state.Errors.IsFull && csv.ReadRecord())
        {
            var record = table.Create();
            var ok = true;
            if (csv.FieldCount > fieldAt.Length && !TrailingCellsEmpty(csv, fieldAt.Length))
            {
                state.Errors.Add(new ImportError(file, csv.RecordLine, fieldAt.Length + 1, null,
                    $"the row has {csv.FieldCount.ToString(CultureInfo.InvariantCulture)} cells but the header has {fieldAt.Length.ToString(CultureInfo.InvariantCulture)}",
                    $"{fieldAt.Length.ToString(CultureInfo.InvariantCulture)} cells (quote cells that contain '{csv.Delimiter}')"));
                continue;
            }

            var cells = Math.Min(csv.FieldCount, fieldAt.Length);
            for (var i = 0; i < cells; i++)
            {
                if (fieldAt[i] is not { } field)
                {
                    continue;
                }

                var text = FormulaGuard.Unescape(csv[i]);
                if (text.IsWhiteSpace())
                {
                    if (field.IsRequired)
                    {
                        state.Errors.Add(new ImportError(file, csv.RecordLine, i + 1, columns[field.Name].Header, $"'{field.Name}' is empty", "a value"));
                        ok = false;
                    }

                    continue;
                }

                if (!field.TryRead(record, text, state.Strings, out var problem))
                {
                    state.Errors.Add(new ImportError(file, csv.RecordLine, i + 1, columns[field.Name].Header, problem!, field.Expected));
                    ok = false;
                }
            }

            foreach (var missing in required.Where(c => c.Number > cells))
            {
                state.Errors.Add(new ImportError(file, csv.RecordLine, missing.Number, missing.Header, "the row ends before this required column", "a value"));
                ok = false;
            }

            if (ok)
            {
                state.Add(table, record, RecordOrigin.ForCsv(file, csv.RecordLine, columns));
            }
        }

        if (csv.Error is { } error)
        {
            state.Errors.Add(error);
        }
    }

    private static bool TrailingCellsEmpty(CsvTokenizer csv, int from)
    {
        for (var i = from; i < csv.FieldCount; i++)
        {
            if (!csv[i].IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }
}
