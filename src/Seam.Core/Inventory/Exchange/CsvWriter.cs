using System.Buffers;
using System.Text;

namespace Seam.Inventory.Exchange;

/// <summary>Writes RFC 4180 CSV: comma-separated, CRLF line ends, a cell quoted only when it must be.</summary>
internal sealed class CsvWriter(TextWriter writer)
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public void WriteTable<T>(Table<T> table, InventoryModel model)
    {
        WriteRow(table.Header);
        var cells = new string?[table.Fields.Count];
        foreach (var record in table.InIdOrder(model))
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = table.Fields[i].Format(record);
            }

            WriteRow(cells);
        }
    }

    private void WriteRow(IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteCell(cells[i]);
        }

        writer.Write("\r\n");
    }

    private void WriteCell(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return;
        }

        cell = FormulaGuard.Escape(cell);

        // Leading or trailing spaces are quoted because the reader trims unquoted cells.
        if (cell.AsSpan().IndexOfAny(NeedsQuotes) < 0 && cell[0] != ' ' && cell[^1] != ' ')
        {
            writer.Write(cell);
            return;
        }

        writer.Write('"');
        writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}

/// <summary>Writes an inventory as Seam's per-entity CSV files (teams.csv … entry_points.csv), records ordered by id.</summary>
public static class InventoryCsvWriter
{
    /// <summary>UTF-8 with a byte order mark, so that Excel shows umlauts and other non-ASCII text correctly.</summary>
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The file names written, in the order they are written.</summary>
    public static IReadOnlyList<string> FileNames { get; } = Tables.All.Select(t => t.FileName).ToArray();

    /// <summary>Writes every table, including empty ones (a header row only), to streams from <paramref name="createFile"/>, which receives the file name.</summary>
    public static void Write(InventoryModel model, Func<string, Stream> createFile)
    {
        foreach (var table in Tables.All)
        {
            using var stream = createFile(table.FileName);
            using var text = new StreamWriter(stream, Utf8WithBom, bufferSize: 64 * 1024);
            table.WriteCsv(model, new CsvWriter(text));
        }
    }

    /// <summary>Writes the files into <paramref name="folder"/> (created when missing), replacing files of the same names.</summary>
    public static void WriteToFolder(InventoryModel model, string folder)
    {
        Directory.CreateDirectory(folder);
        Write(model, name => new FileStream(Path.Combine(folder, name), FileMode.Create, FileAccess.Write, FileShare.None));
    }
}
