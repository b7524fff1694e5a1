using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// A CSAF <c>version_t</c>: integer versioning (<c>0</c>, <c>1</c>, <c>2</c> …) or Semantic Versioning 2.0.0.
/// Ordering follows SemVer precedence (build metadata ignored); integers order numerically. Numbers of any length
/// are compared as digit strings, so no value overflows.
/// </summary>
internal sealed class DocumentVersion : IComparable<DocumentVersion>
{
    private DocumentVersion(string text, bool isInteger, string major, string minor, string patch, string[] preRelease, string? build)
    {
        Text = text;
        IsInteger = isInteger;
        Major = major;
        Minor = minor;
        Patch = patch;
        PreRelease = preRelease;
        Build = build;
    }

    public string Text { get; }

    public bool IsInteger { get; }

    /// <summary>The integer, or the SemVer major version, as digits.</summary>
    public string Major { get; }

    public string Minor { get; }

    public string Patch { get; }

    /// <summary>The dot-separated pre-release identifiers; empty when none.</summary>
    public string[] PreRelease { get; }

    public string? Build { get; }

    public bool HasPreRelease => PreRelease.Length > 0;

    /// <summary><c>0</c> or <c>0.y.z</c>: a version before the first release.</summary>
    public bool IsZero => Major == "0";

    /// <summary>The version as text without build metadata and, if asked, without pre-release.</summary>
    public string Core(bool withoutPreRelease) => IsInteger
        ? Major
        : $"{Major}.{Minor}.{Patch}" + (withoutPreRelease || PreRelease.Length == 0 ? "" : "-" + string.Join('.', PreRelease));

    public static bool TryParse(string text, [NotNullWhen(true)] out DocumentVersion? version)
    {
        version = null;
        if (IsNumber(text))
        {
            version = new(text, true, text, "0", "0", [], null);
            return true;
        }

        var rest = text;
        string? build = null;
        var plus = rest.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            build = rest[(plus + 1)..];
            rest = rest[..plus];
            if (!build.Split('.').All(IsIdentifier))
            {
                return false;
            }
        }

        string[] preRelease = [];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            preRelease = rest[(dash + 1)..].Split('.');
            rest = rest[..dash];
            if (!preRelease.All(p => IsIdentifier(p) && !(p.Length > 1 && p[0] == '0' && p.All(char.IsAsciiDigit))))
            {
                return false;
            }
        }

        var parts = rest.Split('.');
        if (parts.Length != 3 || !parts.All(IsNumber))
        {
            return false;
        }

        version = new(text, false, parts[0], parts[1], parts[2], preRelease, build);
        return true;
    }

    public int CompareTo(DocumentVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = CompareNumbers(Major, other.Major);
        if (result == 0)
        {
            result = CompareNumbers(Minor, other.Minor);
        }

        if (result == 0)
        {
            result = CompareNumbers(Patch, other.Patch);
        }

        return result != 0 ? result : ComparePreRelease(PreRelease, other.PreRelease);
    }

    public override string ToString() => Text;

    private static int ComparePreRelease(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return b.Length.CompareTo(a.Length); // a release ranks above any of its pre-releases
        }

        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = a[i].All(char.IsAsciiDigit);
            var bNumeric = b[i].All(char.IsAsciiDigit);
            var result = (aNumeric, bNumeric) switch
            {
                (true, true) => CompareNumbers(a[i], b[i]),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Compares canonical digit strings (no leading zeros) numerically.</summary>
    internal static int CompareNumbers(string a, string b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    /// <summary>The number one above a canonical digit string.</summary>
    internal static string Next(string number) =>
        (BigInteger.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);

    private static bool IsNumber(string s) =>
        s.Length > 0 && s.All(char.IsAsciiDigit) && (s.Length == 1 || s[0] != '0');

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
