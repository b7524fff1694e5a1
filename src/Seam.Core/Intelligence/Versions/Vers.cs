using System.Globalization;
using System.Text;

namespace Seam.Intelligence.Versions;

public enum Comparator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>One <c>[comparator]version</c> item of a range; the version is kept as written, decoded.</summary>
public sealed record VersionConstraint(Comparator Comparator, string Version)
{
    public static string Symbol(Comparator comparator) => comparator switch
    {
        Comparator.Equal => "=",
        Comparator.NotEqual => "!=",
        Comparator.Less => "<",
        Comparator.LessOrEqual => "<=",
        Comparator.Greater => ">",
        _ => ">=",
    };

    public override string ToString() => Symbol(Comparator) + Version;
}

/// <summary>
/// The syntax of a <c>vers:</c> range. <see cref="Error"/> is null on success; the messages for non-canonical input
/// follow the wording of the vers specification's test suite.
/// </summary>
public sealed record VersParse(string? Scheme, bool Star, IReadOnlyList<VersionConstraint> Constraints, string? Error)
{
    public bool Success => Error is null;

    /// <summary>The canonical text (<c>vers:npm/&gt;=1.0.0|&lt;2.0.0</c>).</summary>
    public string Format() =>
        Success
            ? $"vers:{Scheme}/" + (Star ? "*" : string.Join('|', Constraints.Select(c =>
                (c.Comparator == Comparator.Equal ? "" : VersionConstraint.Symbol(c.Comparator)) + Vers.Encode(c.Version))))
            : throw new InvalidOperationException($"'{Error}': there is no range to format.");
}

/// <summary>
/// Parser for the vers range specifier (<c>vers:&lt;type&gt;/&lt;constraint&gt;|…</c>). Syntax only: whether the
/// scheme can be evaluated is <see cref="VersionRange"/>'s concern. With <c>requireCanonical</c> the parser rejects
/// what the specification says parsers must reject (whitespace, stray pipes, unsorted constraints, non-canonical
/// percent-encoding); without it, constraints are sorted instead, as the specification's "validate" tests expect.
/// </summary>
public static class Vers
{
    private const string NonCanonical = "non-canonical VERS: ";

    /// <summary>The vers types Seam can order (and so evaluate ranges of).</summary>
    public static IReadOnlyCollection<string> SupportedSchemes => VersionSchemes.Supported;

    /// <summary>Orders two versions of one vers type; an unsupported type is incomparable, never guessed.</summary>
    public static VersionComparison Compare(string scheme, string left, string right) =>
        VersionSchemes.Find(scheme) is { } known
            ? known.Compare(left, right)
            : VersionComparison.Incomparable($"cannot evaluate: scheme '{scheme}' not supported");

    public static VersParse Parse(string text, bool requireCanonical = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("vers:", StringComparison.Ordinal))
        {
            return Fail(text.StartsWith("vers:", StringComparison.OrdinalIgnoreCase)
                ? NonCanonical + "the scheme 'vers' must be lowercase"
                : "a vers range starts with 'vers:'");
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return Fail(NonCanonical + "whitespace is not permitted");
        }

        var body = text["vers:".Length..];
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Fail($"'{text}' has no '/' between the versioning scheme and the constraints");
        }

        var scheme = body[..slash];
        if (scheme.Length == 0 || !char.IsAsciiLetterLower(scheme[0])
            || !scheme.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-'))
        {
            return Fail(NonCanonical + $"versioning scheme '{scheme}' must be lowercase letters, digits, '.' or '-', starting with a letter");
        }

        var constraints = body[(slash + 1)..];
        if (constraints.Length == 0)
        {
            return Fail($"'{text}' has no constraints after 'vers:{scheme}/'");
        }

        if (constraints == "*")
        {
            return new VersParse(scheme, Star: true, [], null);
        }

        if (scheme is "all" or "none")
        {
            return Fail($"'vers:{scheme}' only takes '*', not '{constraints}'");
        }

        if (constraints.StartsWith('|'))
        {
            return Fail(NonCanonical + "leading pipe is not permitted");
        }

        if (constraints.EndsWith('|'))
        {
            return Fail(NonCanonical + "trailing pipe is not permitted");
        }

        if (constraints.Contains("||", StringComparison.Ordinal))
        {
            return Fail(NonCanonical + "consecutive pipes are not permitted");
        }

        var items = new List<VersionConstraint>();
        var index = 0;
        foreach (var item in constraints.Split('|'))
        {
            index++;
            var (comparator, length) = item switch
            {
                _ when item.StartsWith(">=", StringComparison.Ordinal) => (Comparator.GreaterOrEqual, 2),
                _ when item.StartsWith("<=", StringComparison.Ordinal) => (Comparator.LessOrEqual, 2),
                _ when item.StartsWith("!=", StringComparison.Ordinal) => (Comparator.NotEqual, 2),
                _ when item.StartsWith('<') => (Comparator.Less, 1),
                _ when item.StartsWith('>') => (Comparator.Greater, 1),
                _ when item.StartsWith('=') => (Comparator.Equal, 1),
                _ => (Comparator.Equal, 0),
            };
            var encoded = item[length..];
            if (encoded.Length == 0)
            {
                return Fail($"constraint {index} ('{item}') has no version");
            }

            if (encoded.IndexOfAny(['<', '>', '=', '!', '*']) is var raw and >= 0)
            {
                return Fail(NonCanonical + $"'{encoded[raw]}' in version '{encoded}' (constraint {index}) must be percent-encoded");
            }

            if (Decode(encoded, scheme, out var version) is { } problem)
            {
                return Fail(NonCanonical + problem);
            }

            if (scheme == "datetime" && version.Any(c => c is 't' or 'z'))
            {
                return Fail(NonCanonical + "datetime must use uppercase T and Z");
            }

            items.Add(new VersionConstraint(comparator, version));
        }

        if (VersionSchemes.Find(scheme) is { } known && items.Count > 1)
        {
            if (requireCanonical)
            {
                for (var i = 1; i < items.Count; i++)
                {
                    var order = known.Compare(items[i - 1].Version, items[i].Version);
                    if (order.Order == VersionOrder.Incomparable)
                    {
                        return Fail($"constraints {i} and {i + 1} cannot be ordered: {order.Reason}");
                    }

                    if (order.Order == VersionOrder.Greater)
                    {
                        return Fail(NonCanonical + "constraints are not sorted by version");
                    }
                }
            }
            else if (VersionRange.Sort(items, known, out var sorted, out var reason))
            {
                items = sorted;
            }
            else
            {
                return Fail(reason!);
            }
        }

        return new VersParse(scheme, Star: false, items, null);
    }

    /// <summary>Percent-encodes the characters a vers version may not carry raw.</summary>
    public static string Encode(string version)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(version))
        {
            if (b is (byte)'%' or (byte)'<' or (byte)'>' or (byte)'=' or (byte)'!' or (byte)'*' or (byte)'|' or < 0x21 or >= 0x7F)
            {
                sb.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    private static string? Decode(string encoded, string scheme, out string version)
    {
        version = encoded;
        if (!encoded.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded[i].ToString()));
                continue;
            }

            if (i + 2 >= encoded.Length || !char.IsAsciiHexDigit(encoded[i + 1]) || !char.IsAsciiHexDigit(encoded[i + 2]))
            {
                return "invalid percent-encoding in version";
            }

            var hex = encoded.Substring(i + 1, 2);
            if (hex.Any(char.IsAsciiLetterLower))
            {
                return "percent-encoding in version is not canonical";
            }

            if (scheme == "datetime" && hex == "3A")
            {
                return "datetime time colons must be unencoded";
            }

            bytes.Add(byte.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            i += 2;
        }

        version = Encoding.UTF8.GetString([.. bytes]);
        return null;
    }

    private static VersParse Fail(string error) => new(null, Star: false, [], error);
}
