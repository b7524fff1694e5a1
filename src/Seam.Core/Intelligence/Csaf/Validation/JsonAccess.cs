using System.Text.Json;

namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// Tolerant reads of the raw document. The mandatory tests presuppose a schema-valid document; where a value has
/// the wrong JSON type the tests skip it rather than throw, because reporting shape errors is schema validation's job.
/// </summary>
internal static class JsonAccess
{
    public static bool TryObject(this JsonElement parent, string name, out JsonElement value) =>
        TryKind(parent, name, JsonValueKind.Object, out value);

    public static bool TryArray(this JsonElement parent, string name, out JsonElement value) =>
        TryKind(parent, name, JsonValueKind.Array, out value);

    public static string? StringOf(this JsonElement parent, string name) =>
        TryKind(parent, name, JsonValueKind.String, out var value) ? value.GetString() : null;

    public static bool Has(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out _);

    /// <summary>The string items of an array property with their indexes; other items are skipped.</summary>
    public static IEnumerable<(int Index, string Value)> Strings(this JsonElement parent, string name)
    {
        if (!parent.TryArray(name, out var array))
        {
            yield break;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                yield return (index, item.GetString()!);
            }

            index++;
        }
    }

    /// <summary>
    /// Indexed enumeration: <see cref="JsonElement"/>'s indexer walks the array from the start for complex
    /// items, so indexing in a loop would be quadratic.
    /// </summary>
    public static IEnumerable<(int Index, JsonElement Item)> Items(this JsonElement parent, string name)
    {
        if (!parent.TryArray(name, out var array))
        {
            yield break;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (index++, item);
        }
    }

    private static bool TryKind(JsonElement parent, string name, JsonValueKind kind, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind == kind)
        {
            return true;
        }

        value = default;
        return false;
    }
}
