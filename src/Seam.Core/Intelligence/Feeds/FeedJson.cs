using System.Globalization;
using System.Text.Json;

namespace Seam.Intelligence.Feeds;

/// <summary>
/// Typed access to the properties of a parsed JSON object, checked by hand against the feed's schema. Every failure
/// names the JSON pointer of the offending value and what the schema expects there.
/// </summary>
internal readonly struct FeedJson(string sourceName, JsonElement element, string path)
{
    public const string DateExpected = "a date YYYY-MM-DD";

    public string SourceName => sourceName;

    public JsonElement Element => element;

    public string Path => path;

    /// <summary>The object itself, or an error when the value is not an object.</summary>
    public static FeedJson Object(string sourceName, JsonElement element, string path, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FeedFormatException(sourceName, PathOrRoot(path), $"found {Describe(element)} (expected {what} as a JSON object)");
        }

        return new FeedJson(sourceName, element, path);
    }

    public string ChildPath(string name) => path + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public FeedFormatException Error(string name, string problem) => new(sourceName, ChildPath(name), problem);

    public FeedFormatException Error(string problem) => new(sourceName, PathOrRoot(path), problem);

    public bool Has(string name) => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string RequiredString(string name) => OptionalString(name) ?? throw Missing(name, "a string");

    public string? OptionalString(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error(name, $"found {Describe(value)} (expected a string)");
    }

    public long RequiredInteger(string name)
    {
        var value = Required(name, "an integer");
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw Error(name, $"found {Describe(value)} (expected an integer)");
    }

    public double RequiredNumber(string name, double min, double max)
    {
        var expected = $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        var value = Required(name, expected);
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= min && number <= max
            ? number
            : throw Error(name, $"found {Describe(value)} (expected {expected})");
    }

    public bool? OptionalBoolean(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw Error(name, $"found {Describe(value)} (expected true or false)");
    }

    public bool RequiredBoolean(string name) => OptionalBoolean(name) ?? throw Missing(name, "true or false");

    public DateOnly RequiredDate(string name)
    {
        var text = RequiredString(name);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(name, $"'{text}' is not a date (expected {DateExpected})");
    }

    public CveId RequiredCveId(string name)
    {
        var text = RequiredString(name);
        return CveId.TryParse(text, out var id) ? id : throw Error(name, $"'{text}' is not a CVE id (expected {CveId.Expected})");
    }

    /// <summary>The array's items (none when absent or null), or an error when it is not an array.</summary>
    public ArrayEnumerator OptionalArray(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return new ArrayEnumerator(sourceName, default, ChildPath(name));
        }

        return value.ValueKind == JsonValueKind.Array
            ? new ArrayEnumerator(sourceName, value, ChildPath(name))
            : throw Error(name, $"found {Describe(value)} (expected an array)");
    }

    public ArrayEnumerator RequiredArray(string name)
    {
        _ = Required(name, "an array");
        return OptionalArray(name);
    }

    public FeedJson? OptionalObject(string name, string what)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Object(sourceName, value, ChildPath(name), what);
    }

    public FeedJson RequiredObject(string name, string what) => OptionalObject(name, what) ?? throw Missing(name, what);

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    private static string PathOrRoot(string path) => path.Length == 0 ? "/" : path;

    private JsonElement Required(string name, string expected) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Missing(name, expected);

    private FeedFormatException Missing(string name, string expected) =>
        Error(name, $"the required property '{name}' is missing (expected {expected})");

    /// <summary>Items of a JSON array with their pointers; a plain struct so callers can <c>foreach</c> it.</summary>
    public readonly struct ArrayEnumerator(string sourceName, JsonElement array, string path)
    {
        public int Length => array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : 0;

        public IEnumerable<(JsonElement Item, string Path, int Index)> Items()
        {
            if (array.ValueKind != JsonValueKind.Array)
            {
                yield break;
            }

            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                yield return (item, path + "/" + index.ToString(CultureInfo.InvariantCulture), index);
                index++;
            }
        }

        public IEnumerable<FeedJson> Objects(string what)
        {
            foreach (var (item, itemPath, _) in Items())
            {
                yield return Object(sourceName, item, itemPath, what);
            }
        }

        public IEnumerable<(string Value, string Path)> Strings()
        {
            foreach (var (item, itemPath, _) in Items())
            {
                yield return item.ValueKind == JsonValueKind.String
                    ? (item.GetString()!, itemPath)
                    : throw new FeedFormatException(sourceName, itemPath, $"found {Describe(item)} (expected a string)");
            }
        }
    }

    /// <summary>Parses a whole (small) document, turning malformed JSON into a located error.</summary>
    public static JsonDocument Parse(Stream plain, string sourceName)
    {
        try
        {
            return JsonDocument.Parse(plain);
        }
        catch (JsonException e)
        {
            throw NotWellFormed(sourceName, e);
        }
    }

    public static FeedFormatException NotWellFormed(string sourceName, JsonException e)
    {
        var line = (e.LineNumber ?? 0) + 1;
        var column = (e.BytePositionInLine ?? 0) + 1;
        var detail = e.Message;
        var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            detail = detail[..cut];
        }

        return new FeedFormatException(sourceName,
            line.ToString(CultureInfo.InvariantCulture) + ":" + column.ToString(CultureInfo.InvariantCulture),
            $"the JSON is not well-formed, the file may be truncated or damaged: {detail.TrimEnd()} (expected well-formed JSON)", e);
    }
}
