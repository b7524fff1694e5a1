using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Seam.Intelligence;

/// <summary>
/// A CVE identifier such as <c>CVE-2024-12345</c>: the key that joins advisories, KEV, EPSS and NVD data.
/// Parsing accepts any letter case and normalises to upper case, so ids from different feeds compare equal.
/// </summary>
/// <remarks>
/// The syntax is the one in the CVE JSON 5 and KEV schemas, <c>^CVE-[0-9]{4}-[0-9]{4,19}$</c>, with the year at least
/// 1999 (the first CVE year) and no leading zero on a sequence longer than 4 digits (the CVE numbering rules pad to
/// 4 digits only), so that every id has exactly one spelling. Ids order by year, then by sequence number as a number (CVE-2024-9999 before CVE-2024-10000).
/// </remarks>
public readonly record struct CveId : IComparable<CveId>
{
    /// <summary>What a valid id looks like, for error messages.</summary>
    public const string Expected = "a CVE id such as CVE-2024-12345 (year ≥ 1999, at least 4 digits after the year)";

    private const int MaxSequenceDigits = 19;

    private readonly string? _value;

    private CveId(string value) => _value = value;

    /// <summary>The year part (the year the id was reserved, not necessarily the year of publication).</summary>
    public int Year => _value is null ? 0 : int.Parse(_value.AsSpan(4, 4), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The sequence part as written, at least 4 digits (<c>0160</c> in CVE-2014-0160).</summary>
    public ReadOnlySpan<char> Sequence => _value is null ? default : _value.AsSpan(9);

    public static CveId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not {Expected}.");

    public static bool TryParse([NotNullWhen(true)] string? text, out CveId id)
    {
        id = default;
        return text is not null && TryParse(text.AsSpan(), out id);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out CveId id)
    {
        id = default;
        if (text.Length < 13 || text.Length > 9 + MaxSequenceDigits || text[3] != '-' || text[8] != '-'
            || !text[..3].Equals("CVE", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var year = text.Slice(4, 4);
        var sequence = text[9..];
        if (!IsDigits(year) || !IsDigits(sequence) || year.SequenceCompareTo("1999") < 0)
        {
            return false;
        }

        // Zero padding only fills the sequence up to 4 digits; CVE-2024-01234 is not an id anyone assigns.
        if (sequence.Length > 4 && sequence[0] == '0')
        {
            return false;
        }

        id = new CveId(string.Concat("CVE-", year, "-", sequence));
        return true;
    }

    public int CompareTo(CveId other)
    {
        var byYear = Year.CompareTo(other.Year);
        if (byYear != 0)
        {
            return byYear;
        }

        // Sequences have no zero padding beyond 4 digits, so a longer one is a larger number.
        var a = Sequence;
        var b = other.Sequence;
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }

    public static bool operator <(CveId left, CveId right) => left.CompareTo(right) < 0;

    public static bool operator <=(CveId left, CveId right) => left.CompareTo(right) <= 0;

    public static bool operator >(CveId left, CveId right) => left.CompareTo(right) > 0;

    public static bool operator >=(CveId left, CveId right) => left.CompareTo(right) >= 0;

    /// <summary>The normalised id, e.g. <c>CVE-2024-12345</c>; empty for <c>default(CveId)</c>.</summary>
    public override string ToString() => _value ?? string.Empty;

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
