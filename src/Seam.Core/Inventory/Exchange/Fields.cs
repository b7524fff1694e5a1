using System.Text.Json;

namespace Seam.Inventory.Exchange;

/// <summary>One column of an entity's table: its name in files, and how its cell is read into and written from a record.</summary>
internal abstract class Field<T>(string name, bool required)
{
    /// <summary>The snake_case name used as CSV header and JSON property; equal to the validator's field name.</summary>
    public string Name { get; } = name;

    /// <summary>The column must exist and every record must give a value.</summary>
    public bool IsRequired { get; } = required;

    public abstract string Expected { get; }

    public abstract bool IsList { get; }

    /// <summary>True for free text, read without trimming where the format delimits strings.</summary>
    public virtual bool IsVerbatim => false;

    /// <summary>Reads a non-empty cell. On failure <paramref name="problem"/> says what is wrong.</summary>
    public abstract bool TryRead(T record, ReadOnlySpan<char> text, StringPool strings, out string? problem);

    /// <summary>Reads a JSON array's items.</summary>
    public virtual bool TryReadItems(T record, IReadOnlyList<string> items, StringPool strings, out string? problem)
    {
        problem = "a list is not allowed here";
        return false;
    }

    /// <summary>The cell text, or null when the record holds no value.</summary>
    public abstract string? Format(T record);

    /// <summary>Writes the property (name and value) into the current JSON object.</summary>
    public abstract void WriteJson(T record, Utf8JsonWriter writer);
}

internal sealed class ScalarField<T, TValue>(string name, Codec<TValue> codec, Func<T, TValue> get, Action<T, TValue> set, bool required)
    : Field<T>(name, required)
{
    public override string Expected => codec.Expected;

    public override bool IsList => false;

    public override bool IsVerbatim => codec.IsVerbatim;

    public override bool TryRead(T record, ReadOnlySpan<char> text, StringPool strings, out string? problem)
    {
        if (codec.TryParse(text, strings, out var value, out problem))
        {
            set(record, value);
            return true;
        }

        return false;
    }

    public override string? Format(T record)
    {
        var value = get(record);
        return value is null ? null : codec.Format(value);
    }

    public override void WriteJson(T record, Utf8JsonWriter writer)
    {
        writer.WritePropertyName(Name);
        var value = get(record);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            codec.WriteJson(writer, value);
        }
    }
}

/// <summary>A list in one cell, items separated by <paramref name="separators"/> (';' in Seam's own files).</summary>
internal sealed class ListField<T, TItem>(
    string name, Codec<TItem> codec, Func<T, IReadOnlyList<TItem>> get, Action<T, IReadOnlyList<TItem>> set, char[] separators)
    : Field<T>(name, required: false)
{
    public override string Expected => codec.Expected;

    public override bool IsList => true;

    public override bool TryRead(T record, ReadOnlySpan<char> text, StringPool strings, out string? problem)
    {
        var items = new List<TItem>();
        foreach (var range in text.SplitAny(separators))
        {
            var item = text[range].Trim();
            if (item.IsEmpty)
            {
                continue;
            }

            if (!codec.TryParse(item, strings, out var value, out problem))
            {
                return false;
            }

            items.Add(value);
        }

        set(record, items);
        problem = null;
        return true;
    }

    public override bool TryReadItems(T record, IReadOnlyList<string> items, StringPool strings, out string? problem)
    {
        var values = new List<TItem>(items.Count);
        foreach (var item in items)
        {
            if (!codec.TryParse(item.AsSpan().Trim(), strings, out var value, out problem))
            {
                return false;
            }

            values.Add(value);
        }

        set(record, values);
        problem = null;
        return true;
    }

    public override string? Format(T record)
    {
        var items = get(record);
        return items.Count == 0 ? null : string.Join(';', items.Select(codec.Format));
    }

    public override void WriteJson(T record, Utf8JsonWriter writer)
    {
        writer.WritePropertyName(Name);
        writer.WriteStartArray();
        foreach (var item in get(record))
        {
            codec.WriteJson(writer, item);
        }

        writer.WriteEndArray();
    }
}

internal static class Field
{
    public static readonly char[] ListSeparator = [';'];

    public static Field<T> Text<T>(string name, Func<T, string?> get, Action<T, string?> set, bool required = false, bool pooled = false) =>
        new ScalarField<T, string?>(name, pooled ? Codecs.PooledText : Codecs.Text, get, set, required);

    public static Field<T> Of<T, TValue>(string name, Codec<TValue> codec, Func<T, TValue> get, Action<T, TValue> set, bool required = false) =>
        new ScalarField<T, TValue>(name, codec, get, set, required);

    public static Field<T> List<T, TItem>(string name, Codec<TItem> codec, Func<T, IReadOnlyList<TItem>> get, Action<T, IReadOnlyList<TItem>> set, char[]? separators = null) =>
        new ListField<T, TItem>(name, codec, get, set, separators ?? ListSeparator);
}

/// <summary>The codecs, one instance each: they hold no state beyond their lookup tables.</summary>
internal static class Codecs
{
    public static readonly TextCodec Text = new(pooled: false);
    public static readonly TextCodec PooledText = new(pooled: true);
    public static readonly CriticalityCodec Criticality = new();
    public static readonly IntCodec SecurityLevel = new(1, 4, "a security level", "1, 2, 3 or 4 (IEC 62443 SL-T)");
    public static readonly DecimalCodec Decimal = new();
    public static readonly MoneyCodec Money = new();
    public static readonly BoolCodec Bool = new();
    public static readonly AssetKindCodec Kind = new();
    public static readonly PurdueLevelCodec Level = new();
    public static readonly TimestampCodec Timestamp = new();
    public static readonly ServiceCodec Service = new();
    public static readonly IpAddressCodec IpAddress = new();
    public static readonly MacAddressCodec MacAddress = new();
    public static readonly ProductIdentifierCodec ProductIdentifier = new();
    public static readonly SubnetCodec Subnet = new();
    public static readonly IdCodec Id = new();

    public static readonly EnumCodec<TeamSide> Side = new("a team side",
        (TeamSide.It, ["information technology", "enterprise IT"]),
        (TeamSide.Ot, ["operational technology", "automation", "controls", "engineering"]),
        (TeamSide.Joint, ["both", "IT/OT", "shared"]),
        (TeamSide.Vendor, ["integrator", "supplier", "third party"]));

    public static readonly EnumCodec<Patchability> Patching = new("a patchability",
        (Patchability.AnyTime, ["anytime", "always", "online", "yes"]),
        (Patchability.MaintenanceWindow, ["window", "maintenance", "outage", "shutdown", "turnaround", "planned stop"]),
        (Patchability.VendorApproval, ["vendor", "vendor approved", "vendor approval required", "needs vendor approval"]),
        (Patchability.Never, ["no", "none", "not patchable", "unpatchable", "cannot be patched"]));

    public static readonly EnumCodec<ConduitDirection> Direction = new("a conduit direction",
        (ConduitDirection.Bidirectional, ["both", "two way", "bidi", "bi"]),
        (ConduitDirection.OneWay, ["one way", "unidirectional", "uni", "diode", "data diode"]));

    public static readonly EnumCodec<EntryPointKind> EntryKind = new("an entry point kind",
        (EntryPointKind.Internet, ["public internet", "web"]),
        (EntryPointKind.EnterpriseIt, ["IT", "enterprise", "corporate", "office network", "enterprise network"]),
        (EntryPointKind.VendorRemoteAccess, ["vendor", "remote access", "vendor access"]),
        (EntryPointKind.RemovableMedia, ["removable", "USB", "USB stick", "media"]));

    public static readonly EnumCodec<RemoteAccessAvailability> Availability = new("an availability",
        (RemoteAccessAvailability.AlwaysOn, ["always", "permanent", "24/7"]),
        (RemoteAccessAvailability.OnDemand, ["on request", "when requested", "scheduled"]));

    public static readonly EnumCodec<AssetSource> Source = new("an asset source");
}
