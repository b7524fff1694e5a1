using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Seam.Inventory.Exchange;

/// <summary>
/// How one kind of value is read from a cell (leniently) and written (in one stable form).
/// <see cref="TryParse"/> gets a trimmed, non-empty cell and on failure says what is wrong without repeating the expectation.
/// </summary>
internal abstract class Codec<TValue>
{
    protected Codec(string expected) => Expected = expected;

    public string Expected { get; }

    /// <summary>True for free text, whose surrounding spaces are part of the value when the format delimits it (JSON strings, quoted cells).</summary>
    public virtual bool IsVerbatim => false;

    public abstract bool TryParse(ReadOnlySpan<char> text, StringPool strings, out TValue value, out string? problem);

    public abstract string Format(TValue value);

    public virtual void WriteJson(Utf8JsonWriter writer, TValue value) => writer.WriteStringValue(Format(value));

    /// <summary>Quotes a cell for a message, cut short so that one huge cell does not flood the error list.</summary>
    protected static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= 60 ? $"'{text}'" : $"'{text[..57]}...'";
}

internal sealed class TextCodec(bool pooled) : Codec<string?>("text")
{
    public override bool IsVerbatim => true;

    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out string? value, out string? problem)
    {
        value = pooled ? strings.Get(text) : text.ToString();
        problem = null;
        return true;
    }

    public override string Format(string? value) => value ?? string.Empty;
}

internal sealed class IntCodec(int min, int max, string noun, string expected) : Codec<int>(expected)
{
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out int value, out string? problem)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            problem = null;
            return true;
        }

        problem = $"{Quote(text)} is not {noun}";
        return false;
    }

    public override string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public override void WriteJson(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);
}

/// <summary>Criticality 1–5, or the words plants use: very low 1, low 2, medium 3, high 4, critical 5.</summary>
internal sealed class CriticalityCodec() : Codec<int>("1–5 or Low/Medium/High/Critical")
{
    private static readonly Dictionary<string, int> Words = new(StringComparer.Ordinal)
    {
        ["verylow"] = 1,
        ["minimal"] = 1,
        ["negligible"] = 1,
        ["none"] = 1,
        ["low"] = 2,
        ["minor"] = 2,
        ["medium"] = 3,
        ["med"] = 3,
        ["moderate"] = 3,
        ["normal"] = 3,
        ["high"] = 4,
        ["major"] = 4,
        ["important"] = 4,
        ["critical"] = 5,
        ["veryhigh"] = 5,
        ["essential"] = 5,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ByWord = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out int value, out string? problem)
    {
        problem = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= 5)
        {
            return true;
        }

        Span<char> key = stackalloc char[24];
        if (Names.TryNormalise(text, key, out var length) && ByWord.TryGetValue(key[..length], out value))
        {
            return true;
        }

        value = 0;
        problem = $"{Quote(text)} is not a criticality";
        return false;
    }

    public override string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public override void WriteJson(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);
}

/// <summary>A decimal in invariant form: <c>12500.50</c>. Round-trips scale.</summary>
internal sealed class DecimalCodec() : Codec<decimal?>("a number such as 12500.50 (a dot for decimals, no thousands separators)")
{
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out decimal? value, out string? problem)
    {
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            problem = null;
            return true;
        }

        value = null;
        problem = $"{Quote(text)} is not a number";
        return false;
    }

    public override string Format(decimal? value) => value!.Value.ToString(CultureInfo.InvariantCulture);

    public override void WriteJson(Utf8JsonWriter writer, decimal? value) => writer.WriteNumberValue(value!.Value);
}

/// <summary>
/// An amount of money as people type it in spreadsheets: <c>€ 12,500.00</c>, <c>12.500 €</c>, <c>$1,234/h</c>, <c>1 250,50</c>.
/// The last of '.' or ',' is the decimal separator when both appear; a single separator followed by exactly three digits
/// is a thousands separator.
/// </summary>
internal sealed class MoneyCodec() : Codec<decimal?>("an amount such as 12500, 12,500.00, 12.500,00 € or $1,250/h")
{
    private static readonly HashSet<string> UnitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "eur", "euro", "euros", "usd", "gbp", "chf", "sek", "nok", "dkk", "pln", "czk", "jpy", "cny", "inr", "aud", "cad",
        "h", "hr", "hour", "per", "ph", "dollar", "dollars",
    };

    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out decimal? value, out string? problem)
    {
        value = null;
        problem = $"{Quote(text)} is not an amount of money";
        if (text.Length > 64 || !LettersAreUnits(text))
        {
            return false;
        }

        // Keep digits and separators; everything else (currency symbols, spaces, "/h") is decoration.
        Span<char> number = stackalloc char[text.Length];
        var length = 0;
        var negative = false;
        foreach (var ch in text)
        {
            if (char.IsAsciiDigit(ch) || ch is '.' or ',')
            {
                number[length++] = ch;
            }
            else if (ch == '-' && length == 0)
            {
                negative = true;
            }
            else if (char.IsDigit(ch))
            {
                return false; // non-ASCII digits: refuse rather than guess
            }
        }

        number = number[..length];
        var decimalAt = DecimalSeparatorAt(number);
        Span<char> plain = stackalloc char[length + 1];
        var plainLength = 0;
        if (negative)
        {
            plain[plainLength++] = '-';
        }

        var sawGroup = false;
        var digitsInGroup = 0;
        var groupSeparator = '\0';
        for (var i = 0; i < number.Length; i++)
        {
            if (char.IsAsciiDigit(number[i]))
            {
                plain[plainLength++] = number[i];
                digitsInGroup++;
            }
            else if (i == decimalAt)
            {
                if (sawGroup && digitsInGroup != 3)
                {
                    return false;
                }

                sawGroup = false;
                plain[plainLength++] = '.';
            }
            else
            {
                // a thousands separator: always the same one, never the decimal one, groups of exactly three digits after the first
                var mixed = (groupSeparator != '\0' && number[i] != groupSeparator) || (decimalAt >= 0 && number[i] == number[decimalAt]);
                if (mixed || (sawGroup && digitsInGroup != 3) || digitsInGroup == 0 || (decimalAt >= 0 && i > decimalAt))
                {
                    return false;
                }

                groupSeparator = number[i];

                sawGroup = true;
                digitsInGroup = 0;
            }
        }

        if ((sawGroup && digitsInGroup != 3)
            || !decimal.TryParse(plain[..plainLength], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        value = amount;
        problem = null;
        return true;
    }

    public override string Format(decimal? value) => value!.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The last of '.' and ',' is the decimal separator when both appear; a lone separator followed by exactly
    /// three digits separates thousands (12.500 and 12,500 are both twelve thousand five hundred).
    /// </summary>
    private static int DecimalSeparatorAt(ReadOnlySpan<char> number)
    {
        int lastDot = number.LastIndexOf('.'), lastComma = number.LastIndexOf(',');
        if (lastDot >= 0 && lastComma >= 0)
        {
            return Math.Max(lastDot, lastComma);
        }

        var last = Math.Max(lastDot, lastComma);
        if (last < 0 || number.Count(number[last]) > 1)
        {
            return -1;
        }

        return number.Length - last - 1 == 3 ? -1 : last;
    }

    /// <summary>Letters are allowed only as a currency code or a rate ("EUR", "per hour", "/h"), never as "5k".</summary>
    private static bool LettersAreUnits(ReadOnlySpan<char> text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isLetter = i < text.Length && char.IsLetter(text[i]);
            if (isLetter && start < 0)
            {
                start = i;
            }
            else if (!isLetter && start >= 0)
            {
                if (!UnitWords.Contains(text[start..i].ToString()))
                {
                    return false;
                }

                start = -1;
            }
        }

        return true;
    }
}

internal sealed class BoolCodec() : Codec<bool>("yes or no (also true/false, y/n, 1/0, x for yes)")
{
    private static readonly string[] Yes = ["yes", "true", "y", "1", "x"];
    private static readonly string[] No = ["no", "false", "n", "0"];

    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out bool value, out string? problem)
    {
        problem = null;
        foreach (var word in Yes)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                value = true;
                return true;
            }
        }

        foreach (var word in No)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                value = false;
                return true;
            }
        }

        value = false;
        problem = $"{Quote(text)} is not yes or no";
        return false;
    }

    public override string Format(bool value) => value ? "yes" : "no";

    public override void WriteJson(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);
}

/// <summary>
/// An enum written as snake_case of its name (<c>maintenance_window</c>) and read by name or alias,
/// ignoring case, spaces and punctuation ("Maintenance window", "MAINTENANCE-WINDOW").
/// </summary>
internal sealed class EnumCodec<TEnum> : Codec<TEnum> where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> _written = [];
    private readonly Dictionary<string, TEnum> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string _noun;

    public EnumCodec(string noun, params (TEnum Value, string[] Aliases)[] aliases)
        : base(string.Join(", ", Enum.GetValues<TEnum>().Select(Names.SnakeCase)))
    {
        _noun = noun;
        foreach (var value in Enum.GetValues<TEnum>())
        {
            _written[value] = Names.SnakeCase(value);
            _read[Names.Normalise(value.ToString())] = value;
        }

        foreach (var (value, words) in aliases)
        {
            foreach (var word in words)
            {
                _read[Names.Normalise(word)] = value;
            }
        }

        _lookup = _read.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out TEnum value, out string? problem)
    {
        Span<char> key = stackalloc char[48];
        if (Names.TryNormalise(text, key, out var length) && _lookup.TryGetValue(key[..length], out value))
        {
            problem = null;
            return true;
        }

        value = default;
        problem = $"{Quote(text)} is not {_noun}";
        return false;
    }

    public override string Format(TEnum value) => _written[value];
}

internal sealed class AssetKindCodec() : Codec<AssetKind>(AssetKinds.Expected)
{
    private readonly ParseCache<AssetKind> _known = new();

    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out AssetKind value, out string? problem)
    {
        var key = strings.Get(text);
        if (_known.TryGet(key, out value))
        {
            problem = null;
            return true;
        }

        if (AssetKinds.TryParse(key, out var kind))
        {
            value = _known.Add(key, kind.Value);
            problem = null;
            return true;
        }

        value = AssetKind.Other;
        problem = $"{Quote(text)} is not an asset kind";
        return false;
    }

    public override string Format(AssetKind value) => Names.SnakeCase(value);
}

internal sealed class PurdueLevelCodec() : Codec<PurdueLevel>(PurdueLevels.Expected)
{
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out PurdueLevel value, out string? problem)
    {
        if (PurdueLevels.TryParse(strings.Get(text), out var level))
        {
            value = level.Value;
            problem = null;
            return true;
        }

        value = default;
        problem = $"{Quote(text)} is not a Purdue level";
        return false;
    }

    public override string Format(PurdueLevel value) => value.ToNumber();
}

/// <summary>Written in ISO 8601 round-trip form (<c>2025-03-01T08:30:00.0000000+01:00</c>); read without an offset as UTC.</summary>
internal sealed class TimestampCodec() : Codec<DateTimeOffset?>("a date and time such as 2025-03-01T08:30:00+01:00 or 2025-03-01 08:30 (UTC)")
{
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out DateTimeOffset? value, out string? problem)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            value = time;
            problem = null;
            return true;
        }

        value = null;
        problem = $"{Quote(text)} is not a date and time";
        return false;
    }

    public override string Format(DateTimeOffset? value) => value!.Value.ToString("O", CultureInfo.InvariantCulture);
}

internal sealed class ServiceCodec() : Codec<ServiceEndpoint>(ServiceEndpoint.Expected)
{
    private readonly ParseCache<ServiceEndpoint> _known = new();

    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out ServiceEndpoint value, out string? problem)
    {
        var key = strings.Get(text);
        if (_known.TryGet(key, out value))
        {
            problem = null;
            return true;
        }

        if (ServiceEndpoint.TryParse(key, out var service, out var error))
        {
            value = _known.Add(key, service.Value);
            problem = null;
            return true;
        }

        value = default;
        problem = error;
        return false;
    }

    public override string Format(ServiceEndpoint value) => value.ToString();
}

/// <summary>An IPv4 address in dotted-quad form or an IPv6 address; kept as written.</summary>
internal sealed class IpAddressCodec() : Codec<string>("an IPv4 or IPv6 address such as 10.20.1.15")
{
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out string value, out string? problem)
    {
        // IPAddress.TryParse also takes "10.1" and "167772161"; a sheet that holds those is wrong, not terse.
        var dotted = text.Contains(':') || text.Count('.') == 3;
        if (dotted && IPAddress.TryParse(text, out _))
        {
            value = text.ToString();
            problem = null;
            return true;
        }

        value = string.Empty;
        problem = $"{Quote(text)} is not an IP address";
        return false;
    }

    public override string Format(string value) => value;
}

/// <summary>A CPE name or package URL as an asset identifier; the shape is checked here, the meaning by the matcher.</summary>
internal sealed class ProductIdentifierCodec() : Codec<string>(AssetIdentifiers.Expected)
{
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out string value, out string? problem)
    {
        var trimmed = text.Trim();
        if (!AssetIdentifiers.IsWellFormed(trimmed))
        {
            value = string.Empty;
            problem = $"{Quote(text)} is not a CPE name or a package URL";
            return false;
        }

        value = trimmed.ToString();
        problem = null;
        return true;
    }

    public override string Format(string value) => value;
}

/// <summary>A MAC address, stored in lower-case colon form whatever the input's separators.</summary>
internal sealed class MacAddressCodec() : Codec<string>("a MAC address such as 00:1b:1b:12:34:56, 00-1B-1B-12-34-56 or 001b.1b12.3456")
{
    /// <summary>Same rule as <see cref="InventoryValidator.TryNormaliseMac"/> (12 hex digits, separators ':' '-' '.'), without its allocations.</summary>
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out string value, out string? problem)
    {
        Span<char> hex = stackalloc char[12];
        var digits = 0;
        foreach (var ch in text)
        {
            if (char.IsAsciiHexDigit(ch) && digits < hex.Length)
            {
                hex[digits++] = char.ToLowerInvariant(ch);
            }
            else if (ch is not (':' or '-' or '.'))
            {
                digits = -1;
                break;
            }
        }

        if (digits != 12)
        {
            value = string.Empty;
            problem = $"{Quote(text)} is not a MAC address";
            return false;
        }

        value = string.Create(17, hex.ToArray(), static (destination, h) =>
        {
            for (var i = 0; i < 6; i++)
            {
                destination[i * 3] = h[i * 2];
                destination[(i * 3) + 1] = h[(i * 2) + 1];
                if (i < 5)
                {
                    destination[(i * 3) + 2] = ':';
                }
            }
        });
        problem = null;
        return true;
    }

    public override string Format(string value) => value;
}

internal sealed class SubnetCodec() : Codec<string>("a subnet in CIDR notation such as 10.20.1.0/24")
{
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out string value, out string? problem)
    {
        if (IPNetwork.TryParse(text, out _))
        {
            value = text.ToString();
            problem = null;
            return true;
        }

        value = string.Empty;
        problem = $"{Quote(text)} is not a subnet";
        return false;
    }

    public override string Format(string value) => value;
}

/// <summary>An id inside a list (e.g. an entry point's target assets).</summary>
internal sealed class IdCodec() : Codec<string>("ids separated by ';'")
{
    public override bool TryParse(ReadOnlySpan<char> text, StringPool strings, out string value, out string? problem)
    {
        value = strings.Get(text);
        problem = null;
        return true;
    }

    public override string Format(string value) => value;
}

/// <summary>
/// Remembers parses of repeated cell texts ("PLC", "s7") across reads. Bounded, and safe for readers on several threads.
/// </summary>
internal sealed class ParseCache<TValue>
{
    private const int MaxEntries = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TValue> _values = new(StringComparer.Ordinal);

    public bool TryGet(string text, out TValue value) => _values.TryGetValue(text, out value!);

    public TValue Add(string text, TValue value)
    {
        if (_values.Count < MaxEntries)
        {
            _values.TryAdd(text, value);
        }

        return value;
    }
}

/// <summary>Shares repeated cell values (zone ids, vendors, versions) so that a large file holds each once.</summary>
internal sealed class StringPool
{
    private const int MaxEntries = 100_000;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var created = text.ToString();
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(created);
        }

        return created;
    }
}

/// <summary>Name forms: snake_case for writing, letters-and-digits-only lower case for lenient matching.</summary>
internal static class Names
{
    public static string SnakeCase<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>"Serial Number", "serial_number" and "SERIAL-NUMBER" all become "serialnumber".</summary>
    public static string Normalise(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        TryNormalise(text, buffer, out var length);
        return buffer[..length].ToString();
    }

    public static bool TryNormalise(ReadOnlySpan<char> text, Span<char> destination, out int length)
    {
        length = 0;
        foreach (var ch in text)
        {
            if (!char.IsLetterOrDigit(ch))
            {
                continue;
            }

            if (length == destination.Length)
            {
                return false;
            }

            destination[length++] = char.ToLowerInvariant(ch);
        }

        return true;
    }
}
