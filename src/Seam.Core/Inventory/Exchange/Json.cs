using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Seam.Inventory.Exchange;

/// <summary>
/// Reads <c>{ "format": "seam-inventory", "version": 1, "teams": [...], ... }</c> token by token, so that a wrong value
/// in one record is reported with its line, byte and JSON path and the rest of the document is still read.
/// </summary>
internal sealed class JsonInventoryReader
{
    public const string Format = "seam-inventory";
    public const int Version = 1;

    private static readonly string RootProperties = "format, version, " + string.Join(", ", Tables.All.Select(t => t.Name));

    private readonly byte[] _data;
    private readonly int _start;
    private readonly string _file;
    private readonly ImportState _state;
    private readonly JsonLines _lines;
    private char[] _scratch = new char[1024];

    // The JSON path of what is being read, kept in parts and joined only for an error message.
    private string? _pathTable;
    private int _pathIndex = -1;
    private string? _pathProperty;

    private JsonInventoryReader(byte[] data, int start, string file, ImportState state)
    {
        _data = data;
        _start = start;
        _file = file;
        _state = state;
        _lines = new JsonLines(data);
    }

    /// <param name="lengthHint">The file's declared length, used to size the buffer once.</param>
    public static void Read(Stream stream, string file, long lengthHint, ImportState state)
    {
        var data = ReadAll(stream, lengthHint, state.Options.MaxFileBytes);
        if (data is null)
        {
            var limit = Sizes.Describe(state.Options.MaxFileBytes);
            state.Errors.Add(new ImportError(file, null, null, null, $"the file is larger than the limit of {limit}", $"at most {limit}"));
            return;
        }

        var start = data.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        if (data.AsSpan(start).IsWhiteSpaceUtf8())
        {
            state.Errors.Add(new ImportError(file, null, null, null, "the file is empty", $"a JSON object {{ \"format\": \"{Format}\", \"version\": {Version}, ... }}"));
            return;
        }

        var reader = new JsonInventoryReader(data, start, file, state);
        var invalid = FirstInvalidUtf8(data.AsSpan(start));
        if (invalid >= 0)
        {
            var (line, column) = reader.Position(invalid);
            state.Errors.Add(new ImportError(file, line, column, null,
                $"byte 0x{data[start + invalid]:X2} at offset {(start + invalid).ToString(CultureInfo.InvariantCulture)} is not valid UTF-8",
                "UTF-8 text"));
            return;
        }

        reader.ReadDocument();
    }

    private void ReadDocument()
    {
        var json = new Utf8JsonReader(_data.AsSpan(_start), new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            ReadRoot(ref json);
        }
        catch (JsonException ex)
        {
            _state.Errors.Add(SyntaxError(ex));
        }
    }

    private void ReadRoot(ref Utf8JsonReader json)
    {
        json.Read();
        if (json.TokenType != JsonTokenType.StartObject)
        {
            Error(json.TokenStartIndex, null, "the document is not a JSON object", $"{{ \"format\": \"{Format}\", \"version\": {Version}, ... }}");
            return;
        }

        var formatSeen = false;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.GetString()!;
            var nameAt = json.TokenStartIndex;
            (_pathTable, _pathIndex, _pathProperty) = (name, -1, null);
            json.Read();
            if (name == "format")
            {
                if (json.TokenType != JsonTokenType.String || json.GetString() != Format)
                {
                    Error(json.TokenStartIndex, name, $"\"format\" is {Describe(ref json)}, so this is not a Seam inventory", $"\"{Format}\"");
                    return;
                }

                formatSeen = true;
            }
            else if (name == "version")
            {
                if (json.TokenType != JsonTokenType.Number || !json.TryGetInt32(out var version) || version != Version)
                {
                    Error(json.TokenStartIndex, name, $"\"version\" is {Describe(ref json)}, which this Seam cannot read", Version.ToString(CultureInfo.InvariantCulture));
                    return;
                }
            }
            else if (Tables.ByName(name) is { } table)
            {
                ReadTable(table, ref json);
                if (_state.Errors.IsFull)
                {
                    return;
                }
            }
            else
            {
                Error(nameAt, name, $"'{name}' is not a property of a Seam inventory", RootProperties);
                json.Skip();
            }
        }

        (_pathTable, _pathIndex, _pathProperty) = (null, -1, null);
        json.Read(); // anything after the root object is a syntax error, thrown here
        if (!formatSeen)
        {
            Error(0, null, "the \"format\" property is missing", $"\"format\": \"{Format}\"");
        }
    }

    private void ReadTable(Table table, ref Utf8JsonReader json)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            Error(json.TokenStartIndex, table.Name, $"\"{table.Name}\" is {Describe(ref json)}", "an array of objects");
            json.Skip();
            return;
        }

        var index = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            _pathIndex = index;
            if (json.TokenType == JsonTokenType.StartObject)
            {
                table.ReadJsonRecord(ref json, this, index);
            }
            else
            {
                Error(json.TokenStartIndex, null, $"the item is {Describe(ref json)}", $"an object with the {EntityWords.Of(table.Entity)}'s properties");
                json.Skip();
            }

            if (_state.Errors.IsFull)
            {
                return;
            }

            index++;
        }
    }

    public void ReadRecord<T>(Table<T> table, ref Utf8JsonReader json, int index)
    {
        var objectAt = json.TokenStartIndex;
        var offsets = new int[table.Fields.Count];
        Array.Fill(offsets, -1);
        var record = table.Create();
        var ok = true;
        Span<char> nameBuffer = stackalloc char[64];
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var nameAt = json.TokenStartIndex;
            var fieldIndex = !json.HasValueSequence && json.ValueSpan.Length <= nameBuffer.Length
                ? table.IndexOf(nameBuffer[..json.CopyString(nameBuffer)])
                : table.IndexOf(json.GetString());
            if (fieldIndex < 0)
            {
                var name = json.GetString()!;
                _pathProperty = name;
                json.Read();
                var article = table.Entity is InventoryEntity.Asset or InventoryEntity.EntryPoint ? "an" : "a";
                Error(nameAt, name, $"'{name}' is not a property of {article} {EntityWords.Of(table.Entity)}", string.Join(", ", table.Header));
                json.Skip();
                ok = false;
                continue;
            }

            var field = table.Fields[fieldIndex];
            _pathProperty = field.Name;
            json.Read();
            offsets[fieldIndex] = (int)nameAt + _start;
            ok &= ReadValue(field, record, ref json, nameAt);
        }

        _pathProperty = null;
        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] < 0 && table.Fields[i].IsRequired)
            {
                Error(objectAt, table.Fields[i].Name, $"the required property '{table.Fields[i].Name}' is missing", table.Fields[i].Expected);
                ok = false;
            }
        }

        if (ok)
        {
            var (line, column) = Position(objectAt);
            _state.Add(table, record, RecordOrigin.ForJson(_file, line, column, CurrentPath(), new JsonRecordFields(table.Header, offsets, _lines)));
        }
    }

    private bool ReadValue<T>(Field<T> field, T record, ref Utf8JsonReader json, long nameAt)
    {
        string? problem;
        switch (json.TokenType)
        {
            case JsonTokenType.Null:
                if (field.IsRequired)
                {
                    Error(nameAt, field.Name, $"'{field.Name}' is null", field.Expected);
                    return false;
                }

                return true;
            case JsonTokenType.StartObject:
                Error(json.TokenStartIndex, field.Name, $"'{field.Name}' is an object", field.Expected);
                json.Skip();
                return false;
            case JsonTokenType.StartArray when !field.IsList:
                Error(json.TokenStartIndex, field.Name, $"'{field.Name}' is a list", "a single value: " + field.Expected);
                json.Skip();
                return false;
            case JsonTokenType.StartArray:
                var items = new List<string>();
                var arrayAt = json.TokenStartIndex;
                while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                {
                    if (ScalarText(ref json) is { } item)
                    {
                        items.Add(item);
                        continue;
                    }

                    Error(json.TokenStartIndex, field.Name, $"an item of '{field.Name}' is {Describe(ref json)}", "strings");
                    json.Skip();
                    return false;
                }

                if (!field.TryReadItems(record, items, _state.Strings, out problem))
                {
                    Error(arrayAt, field.Name, problem!, field.Expected);
                    return false;
                }

                return true;
            default:
                var text = ScalarChars(ref json);
                if (text.IsWhiteSpace())
                {
                    if (field.IsRequired)
                    {
                        Error(json.TokenStartIndex, field.Name, $"'{field.Name}' is empty", field.Expected);
                        return false;
                    }

                    return true;
                }

                if (!field.TryRead(record, field.IsVerbatim ? text : text.Trim(), _state.Strings, out problem))
                {
                    Error(json.TokenStartIndex, field.Name, problem!, field.Expected);
                    return false;
                }

                return true;
        }
    }

    /// <summary>A string, number or boolean as text in a reused buffer: most values are parsed or pooled, never kept as they are.</summary>
    private ReadOnlySpan<char> ScalarChars(ref Utf8JsonReader json)
    {
        var length = json.HasValueSequence ? (int)json.ValueSequence.Length : json.ValueSpan.Length;
        if (_scratch.Length < length)
        {
            _scratch = new char[Math.Max(length, _scratch.Length * 2)];
        }

        return json.TokenType switch
        {
            JsonTokenType.String => _scratch.AsSpan(0, json.CopyString(_scratch)),
            JsonTokenType.Number => _scratch.AsSpan(0, Encoding.UTF8.GetChars(json.ValueSpan, _scratch)),
            JsonTokenType.True => "true",
            _ => "false",
        };
    }

    /// <summary>A string, number or boolean as text (numbers as written, so that 12500.50 keeps its scale); null for anything else.</summary>
    private static string? ScalarText(ref Utf8JsonReader json) => json.TokenType switch
    {
        JsonTokenType.String => json.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(json.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };

    private static string Describe(ref Utf8JsonReader json) => json.TokenType switch
    {
        JsonTokenType.String => $"\"{json.GetString()}\"",
        JsonTokenType.Number => Encoding.UTF8.GetString(json.ValueSpan),
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => "null",
    };

    private void Error(long tokenStart, string? name, string message, string? expected)
    {
        var (line, column) = Position(tokenStart);
        _state.Errors.Add(new ImportError(_file, line, column, name, message, expected, CurrentPath()));
    }

    private ImportError SyntaxError(JsonException ex)
    {
        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1 + (line == 1 ? _start : 0);
        var offset = Math.Min(_lines.StartOf(line) + column - 1, _data.Length);
        var rest = offset < _data.Length ? _data.AsSpan((int)offset) : [];
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return rest.IsWhiteSpaceUtf8()
            ? new ImportError(_file, line, column, null, "the JSON ends before the document is complete (the file may be truncated)",
                "the rest of the document, up to its closing '}'", CurrentPath())
            : new ImportError(_file, line, column, null, "this is not valid JSON: " + message, "JSON text", CurrentPath());
    }

    /// <summary>1-based line and 1-based byte position in the line of a token.</summary>
    private (long Line, long Column) Position(long tokenStart) => _lines.Position((int)tokenStart + _start);

    private string CurrentPath()
    {
        var path = new StringBuilder("$");
        if (_pathTable is not null)
        {
            path.Append('.').Append(_pathTable);
        }

        if (_pathIndex >= 0)
        {
            path.Append('[').Append(_pathIndex.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        if (_pathProperty is not null)
        {
            path.Append('.').Append(_pathProperty);
        }

        return path.ToString();
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> data)
    {
        if (Utf8.IsValid(data))
        {
            return -1;
        }

        var at = 0;
        while (at < data.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(data[at..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return -1;
    }

    /// <summary>The whole stream, or null when it holds more than <paramref name="limit"/> bytes.</summary>
    private static byte[]? ReadAll(Stream stream, long lengthHint, long limit)
    {
        var buffer = new byte[(int)Math.Clamp(lengthHint, 0, Math.Min(limit, Array.MaxLength))];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= limit)
                {
                    // Full at the limit: one more byte means the file is too large.
                    return stream.ReadByte() < 0 ? buffer : null;
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max(4096, (long)buffer.Length * 2), Math.Min(limit, Array.MaxLength)));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return length == buffer.Length ? buffer : buffer[..length];
            }

            length += read;
        }
    }
}

internal static class Utf8Spans
{
    public static bool IsWhiteSpaceUtf8(this ReadOnlySpan<byte> data) => data.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    public static bool IsWhiteSpaceUtf8(this Span<byte> data) => ((ReadOnlySpan<byte>)data).IsWhiteSpaceUtf8();
}

/// <summary>Writes an inventory as one JSON document (<c>"format": "seam-inventory", "version": 1</c>), records ordered by id.</summary>
public static class InventoryJsonWriter
{
    public static void Write(InventoryModel model, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // The file is data, never embedded in HTML: keep umlauts and quotes readable instead of \u-escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        writer.WriteStartObject();
        writer.WriteString("format", JsonInventoryReader.Format);
        writer.WriteNumber("version", JsonInventoryReader.Version);
        foreach (var table in Tables.All)
        {
            table.WriteJson(model, writer);
        }

        writer.WriteEndObject();
    }

    public static void WriteToFile(InventoryModel model, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(model, stream);
    }
}
