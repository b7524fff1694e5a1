using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Seam.Intelligence.Identifiers;

/// <summary>
/// A CPE name (NIST IR 7695) from either the 2.3 formatted string (<c>cpe:2.3:h:siemens:s7-1500:-:*:*:*:*:*:*:*</c>)
/// or the 2.2 URI binding (<c>cpe:/o:siemens:simatic_s7_firmware:2.9</c>). Attribute values are kept in the
/// formatted-string form: <c>*</c> is ANY, <c>-</c> is NA, other punctuation is backslash-escaped, and an unescaped
/// <c>*</c> or <c>?</c> at either end of a value is a wildcard.
/// </summary>
public sealed partial class Cpe
{
    public const string Any = "*";
    public const string NotApplicable = "-";

    private static readonly string[] Names =
        ["part", "vendor", "product", "version", "update", "edition", "language", "sw_edition", "target_sw", "target_hw", "other"];

    private readonly string[] values;

    private Cpe(string[] values)
    {
        this.values = values;
    }

    public string Part => values[0];

    public string Vendor => values[1];

    public string Product => values[2];

    public string Version => values[3];

    public string Update => values[4];

    public string Edition => values[5];

    public string Language => values[6];

    public string SoftwareEdition => values[7];

    public string TargetSoftware => values[8];

    public string TargetHardware => values[9];

    public string Other => values[10];

    /// <summary>The attribute names in order, as NIST IR 7695 writes them.</summary>
    public static IReadOnlyList<string> AttributeNames => Names;

    public string this[int index] => values[index];

    /// <summary>The 2.3 formatted string.</summary>
    public override string ToString() => "cpe:2.3:" + string.Join(':', values);

    public static IdentifierParse<Cpe> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.StartsWith("cpe:2.3:", StringComparison.OrdinalIgnoreCase))
        {
            return ParseFormatted(s);
        }

        return s.StartsWith("cpe:/", StringComparison.OrdinalIgnoreCase)
            ? ParseUri(s)
            : Fail($"'{s}' is not a CPE name: expected 'cpe:2.3:' (formatted string) or 'cpe:/' (2.2 URI)");
    }

    /// <summary>
    /// CPE name matching with this CPE as the source (the advisory's, which may carry ANY and wildcards) and
    /// <paramref name="target"/> as the asset's. Every attribute must be a superset or equal; an attribute the target
    /// leaves open (ANY) while the source names a value makes the answer Unknown, not a match.
    /// </summary>
    public IdentifierMatch Matches(Cpe target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var open = new List<string>();
        for (var i = 0; i < values.Length; i++)
        {
            var source = values[i];
            var asset = target.values[i];
            if (source == Any)
            {
                continue;
            }

            if (source == NotApplicable)
            {
                if (asset != NotApplicable)
                {
                    return IdentifierMatch.NoMatch($"{Names[i]}: the advisory says not applicable ('-'), the asset has '{asset}'");
                }

                continue;
            }

            if (asset == Any)
            {
                open.Add($"{Names[i]} (advisory '{Unescape(source)}')");
                continue;
            }

            if (asset == NotApplicable)
            {
                return IdentifierMatch.NoMatch($"{Names[i]}: the advisory names '{Unescape(source)}', the asset has none ('-')");
            }

            if (HasWildcard(asset))
            {
                return IdentifierMatch.Unknown($"{Names[i]}: the asset value '{asset}' is itself a pattern, so it cannot be matched");
            }

            if (!ValueMatches(source, asset))
            {
                return IdentifierMatch.NoMatch($"{Names[i]}: '{Unescape(asset)}' is not '{Unescape(source)}'");
            }
        }

        return open.Count == 0
            ? IdentifierMatch.Match($"every attribute of '{target}' is within '{this}'")
            : IdentifierMatch.Unknown($"the asset's CPE does not give {string.Join(", ", open)}");
    }

    private static bool ValueMatches(string source, string target)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\\' && i + 1 < source.Length)
            {
                pattern.Append(Regex.Escape(source[++i].ToString()));
            }
            else
            {
                pattern.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        return Regex.IsMatch(Unescape(target), pattern.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static bool HasWildcard(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] is '*' or '?')
            {
                return true;
            }
        }

        return false;
    }

    private static string Unescape(string value)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            sb.Append(value[i] == '\\' && i + 1 < value.Length ? value[++i] : value[i]);
        }

        return sb.ToString();
    }

    private static IdentifierParse<Cpe> ParseFormatted(string s)
    {
        var components = new List<string>();
        var current = new StringBuilder();
        for (var i = "cpe:2.3:".Length; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                if (i + 1 >= s.Length)
                {
                    return Fail($"component {components.Count + 1} ({NameAt(components.Count)}) ends with a lone '\\'; expected an escaped character after it");
                }

                current.Append(s[i]).Append(s[++i]);
            }
            else if (s[i] == ':')
            {
                components.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(s[i]);
            }
        }

        components.Add(current.ToString());
        if (components.Count != 11)
        {
            return Fail($"'{s}' has {components.Count} components after 'cpe:2.3:'; expected 11 (part through other)");
        }

        for (var i = 0; i < 11; i++)
        {
            var value = components[i];
            if (value.Length == 0)
            {
                return Fail($"component {i + 1} ({Names[i]}) is empty; expected a value, '*' (ANY) or '-' (NA)");
            }

            if (value is Any or NotApplicable)
            {
                continue;
            }

            if (FormattedValue().IsMatch(value) is false)
            {
                return Fail($"component {i + 1} ({Names[i]}) '{value}' is not a valid value: expected letters, digits, '_', '-', '.', " +
                            "backslash-escaped punctuation, and '*' or '?' only at either end");
            }

            components[i] = value.ToLowerInvariant();
        }

        if (components[0] is not ("a" or "o" or "h" or Any))
        {
            return Fail($"component 1 (part) is '{components[0]}'; expected 'a' (application), 'o' (operating system), 'h' (hardware) or '*'");
        }

        return new IdentifierParse<Cpe>(new Cpe([.. components]), null);
    }

    private static IdentifierParse<Cpe> ParseUri(string s)
    {
        var parts = s["cpe:/".Length..].Split(':');
        if (parts.Length > 7)
        {
            return Fail($"'{s}' has {parts.Length} components after 'cpe:/'; the 2.2 URI binding has at most 7 (part through language)");
        }

        var values = Enumerable.Repeat(Any, 11).ToArray();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i == 5 && parts[i].StartsWith('~'))
            {
                var packed = parts[i].Split('~');
                if (packed.Length != 6)
                {
                    return Fail($"component 6 (edition) '{parts[i]}' is packed but has {packed.Length - 1} fields; expected ~edition~sw_edition~target_sw~target_hw~other");
                }

                int[] slots = [5, 7, 8, 9, 10];
                for (var k = 0; k < 5; k++)
                {
                    if (DecodeUriValue(packed[k + 1], slots[k], out var v) is { } problem)
                    {
                        return Fail(problem);
                    }

                    values[slots[k]] = v;
                }

                continue;
            }

            if (DecodeUriValue(parts[i], i, out var value) is { } error)
            {
                return Fail(error);
            }

            values[i] = value;
        }

        if (values[0] is not ("a" or "o" or "h" or Any))
        {
            return Fail($"component 1 (part) is '{values[0]}'; expected 'a', 'o' or 'h'");
        }

        return new IdentifierParse<Cpe>(new Cpe(values), null);
    }

    /// <summary>A 2.2 URI value to formatted-string form: empty is ANY, %01/%02 are the ? and * wildcards.</summary>
    private static string? DecodeUriValue(string raw, int index, out string value)
    {
        value = Any;
        if (raw.Length == 0)
        {
            return null;
        }

        if (raw == NotApplicable)
        {
            value = NotApplicable;
            return null;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !byte.TryParse(raw.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                {
                    return $"component {index + 1} ({Names[index]}) '{raw}' has a bad percent-encoding at position {i + 1}; expected %XX";
                }

                i += 2;
                sb.Append(b switch
                {
                    0x01 => "?",
                    0x02 => "*",
                    _ when char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' or (byte)'.' => char.ToLowerInvariant((char)b).ToString(),
                    _ => "\\" + (char)b,
                });
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_')
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c is '-' or '.')
            {
                sb.Append(c);
            }
            else if (c == '~')
            {
                sb.Append("\\~");
            }
            else
            {
                return $"component {index + 1} ({Names[index]}) '{raw}' has '{c}' at position {i + 1}; expected letters, digits, '_', '.', '-', '~' or %XX";
            }
        }

        value = sb.ToString();
        return null;
    }

    private static string NameAt(int index) => index < Names.Length ? Names[index] : "beyond other";

    private static IdentifierParse<Cpe> Fail(string error) => new(null, error);

    [GeneratedRegex(@"^(?:\*|\?+)?(?:[A-Za-z0-9_]|\\[^A-Za-z0-9_]|[\-.])+(?:\*|\?+)?$|^\*$|^\?+$")]
    private static partial Regex FormattedValue();
}
