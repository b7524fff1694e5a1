using System.Diagnostics.CodeAnalysis;

namespace Seam.Inventory.Exchange;

/// <summary>A place in a file: line, column (CSV: column number; JSON: byte in line) and the column's name as written.</summary>
public readonly record struct SourcePosition(long Line, long? Column, string? ColumnName, string? JsonPath = null);

/// <summary>Where one imported record came from, and where each of its fields sits.</summary>
public sealed class RecordOrigin
{
    private readonly IReadOnlyDictionary<string, CsvColumn>? _csvColumns;
    private readonly JsonRecordFields? _jsonFields;

    private RecordOrigin(string file, long line, long? column, string? jsonPath,
        IReadOnlyDictionary<string, CsvColumn>? csvColumns, JsonRecordFields? jsonFields)
    {
        File = file;
        Line = line;
        Column = column;
        JsonPath = jsonPath;
        _csvColumns = csvColumns;
        _jsonFields = jsonFields;
    }

    public string File { get; }

    /// <summary>The 1-based line the record starts on.</summary>
    public long Line { get; }

    /// <summary>For JSON, the byte in the line where the record's object starts; null for CSV.</summary>
    public long? Column { get; }

    /// <summary>For JSON, e.g. <c>$.assets[3]</c>.</summary>
    public string? JsonPath { get; }

    /// <summary>The position of a field (by its snake_case name, e.g. <c>criticality</c>), or the record's own when the file has no such column.</summary>
    public SourcePosition Locate(string? field)
    {
        if (field is not null && _csvColumns is not null && _csvColumns.TryGetValue(field, out var column))
        {
            return new SourcePosition(Line, column.Number, column.Header);
        }

        if (field is not null && _jsonFields?.Locate(field, JsonPath!) is { } position)
        {
            return position;
        }

        return new SourcePosition(Line, Column, null, JsonPath);
    }

    internal static RecordOrigin ForCsv(string file, long line, IReadOnlyDictionary<string, CsvColumn> columns) =>
        new(file, line, null, null, columns, null);

    internal static RecordOrigin ForJson(string file, long line, long column, string path, JsonRecordFields fields) =>
        new(file, line, column, path, null, fields);
}

/// <summary>
/// Where a JSON record's properties start, kept as byte offsets (one int per column) and turned into line and
/// column only when asked, so that reading 100,000 records does not build 2.4 million positions nobody looks at.
/// </summary>
internal sealed class JsonRecordFields(IReadOnlyList<string> names, int[] offsets, JsonLines lines)
{
    public SourcePosition? Locate(string field, string recordPath)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == field && offsets[i] >= 0)
            {
                var (line, column) = lines.Position(offsets[i]);
                return new SourcePosition(line, column, field, recordPath + "." + field);
            }
        }

        return null;
    }
}

/// <summary>The byte offsets at which the lines of a file start.</summary>
internal sealed class JsonLines(byte[] data)
{
    private int[]? _starts;

    /// <summary>1-based line and 1-based byte in the line of an offset into the file.</summary>
    public (long Line, long Column) Position(int offset)
    {
        _starts ??= Starts(data);
        var index = Array.BinarySearch(_starts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _starts[line] + 1);
    }

    public int StartOf(long line)
    {
        _starts ??= Starts(data);
        return line - 1 < _starts.Length ? _starts[line - 1] : data.Length;
    }

    private static int[] Starts(byte[] data)
    {
        var starts = new List<int> { 0 };
        var at = 0;
        int next;
        while ((next = data.AsSpan(at).IndexOf((byte)'\n')) >= 0)
        {
            at += next + 1;
            starts.Add(at);
        }

        return starts.ToArray();
    }
}

/// <summary>A CSV column: its 1-based number and its header as written.</summary>
internal readonly record struct CsvColumn(int Number, string Header);

/// <summary>Maps each imported record (entity and id) to the place it came from.</summary>
public sealed class SourceMap
{
    private readonly Dictionary<(InventoryEntity Entity, string Id), RecordOrigin> _origins = [];

    public int Count => _origins.Count;

    public bool TryGetOrigin(InventoryEntity entity, string id, [NotNullWhen(true)] out RecordOrigin? origin) =>
        _origins.TryGetValue((entity, id), out origin);

    /// <summary>
    /// Turns a validator problem into an error at file:line:column when its record came from the import,
    /// and into a plain error naming the record otherwise (it was already stored).
    /// </summary>
    public ImportError ToImportError(InventoryProblem problem)
    {
        if (TryGetOrigin(problem.Entity, problem.EntityId, out var origin))
        {
            var at = origin.Locate(problem.Field);
            var columnName = at.ColumnName ?? (at.JsonPath is null ? null : problem.Field);
            return new ImportError(origin.File, at.Line, at.Column, columnName, problem.Message, null, at.JsonPath);
        }

        return new ImportError("stored inventory", null, null, problem.Field,
            $"{EntityWords.Of(problem.Entity)} '{problem.EntityId}': {problem.Message}", null);
    }

    /// <summary>Adds the record's origin; when the id is already taken, returns the first origin instead.</summary>
    internal RecordOrigin? TryAdd(InventoryEntity entity, string id, RecordOrigin origin) =>
        _origins.TryAdd((entity, id), origin) ? null : _origins[(entity, id)];
}

internal static class EntityWords
{
    public static string Of(InventoryEntity entity) => entity switch
    {
        InventoryEntity.EntryPoint => "entry point",
        _ => entity.ToString().ToLowerInvariant(),
    };
}
