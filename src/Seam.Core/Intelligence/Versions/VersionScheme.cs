using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Seam.Intelligence.Versions;

/// <summary>
/// How one versioning scheme checks and orders its versions. <see cref="Check"/> returns null for a valid version
/// and otherwise what is wrong with it; <see cref="Compare"/> is only called with versions that passed the check.
/// </summary>
internal sealed class VersionScheme(string name, Func<string, string?> check, Func<string, string, VersionComparison> compare)
{
    public string Name { get; } = name;

    public string? Check(string version) => check(version);

    public VersionComparison Compare(string left, string right) => compare(left, right);

    /// <summary>A scheme whose valid versions are always ordered by <paramref name="order"/>.</summary>
    public static VersionScheme Ordered(string name, Func<string, string?> check, Func<string, string, int> order) =>
        new(name, check, (left, right) =>
            check(left) is { } leftProblem ? VersionComparison.Incomparable(leftProblem)
            : check(right) is { } rightProblem ? VersionComparison.Incomparable(rightProblem)
            : VersionComparison.FromSign(Math.Sign(order(left, right))));
}

/// <summary>
/// The versioning schemes Seam can evaluate in <c>vers:</c> ranges. <c>generic</c> has no ordering in the vers
/// specification yet; Seam reads it with the ICS vendor rules of <see cref="VendorVersion"/>, which order plain
/// dotted numbers the way any scheme would.
/// </summary>
internal static partial class VersionSchemes
{
    private static readonly VersionScheme Vendor = new("vendor", VendorCheck, VendorVersion.Compare);

    private static readonly Dictionary<string, VersionScheme> Known = new VersionScheme[]
    {
        VersionScheme.Ordered("semver", v => SemVer(v, allowV: false, fourParts: false), (a, b) => CompareSemVer(a, b, ignoreCase: false)),
        VersionScheme.Ordered("npm", v => SemVer(v, allowV: true, fourParts: false), (a, b) => CompareSemVer(a, b, ignoreCase: false)),
        VersionScheme.Ordered("cargo", v => SemVer(v, allowV: false, fourParts: false), (a, b) => CompareSemVer(a, b, ignoreCase: false)),
        VersionScheme.Ordered("golang", v => SemVer(v, allowV: true, fourParts: false), (a, b) => CompareSemVer(a, b, ignoreCase: false)),
        VersionScheme.Ordered("nuget", v => SemVer(v, allowV: false, fourParts: true), (a, b) => CompareSemVer(a, b, ignoreCase: true)),
        VersionScheme.Ordered("intdot", v => IntDotPattern().IsMatch(v) ? null : $"'{v}' is not an intdot version (digits separated by dots)", CompareIntDot),
        VersionScheme.Ordered("lexicographic", v => null, (a, b) => CompareUtf8(a, b)),
        VersionScheme.Ordered("datetime", CheckDateTime, (a, b) => DateTimeOffset.Parse(a, CultureInfo.InvariantCulture).CompareTo(DateTimeOffset.Parse(b, CultureInfo.InvariantCulture))),
        VersionScheme.Ordered("pypi", v => Pep440.TryParse(v, out _) ? null : $"'{v}' is not a PEP 440 version", Pep440.Compare),
        VersionScheme.Ordered("deb", v => DebianPattern().IsMatch(v) ? null : $"'{v}' is not a Debian version", CompareDebian),
        VersionScheme.Ordered("rpm", v => v.Length > 0 ? null : "the version is empty", CompareRpm),
        VersionScheme.Ordered("alpm", v => v.Length > 0 ? null : "the version is empty", CompareAlpm),
        VersionScheme.Ordered("gem", v => GemPattern().IsMatch(v.Trim()) ? null : $"'{v}' is not a RubyGems version", CompareGem),
        new("generic", VendorCheck, VendorVersion.Compare),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Supported => Known.Keys;

    /// <summary>The ICS vendor scheme used for CSAF legacy ranges and prose.</summary>
    public static VersionScheme VendorScheme => Vendor;

    public static VersionScheme? Find(string name) => Known.GetValueOrDefault(name);

    private static string? VendorCheck(string v) => VendorVersion.TryParse(v, out _, out var reason) ? null : reason;

    // ----- semver / npm / golang / nuget -----

    private static string? SemVer(string v, bool allowV, bool fourParts)
    {
        var text = allowV && v.StartsWith('v') ? v[1..] : v;
        var m = SemVerPattern().Match(text);
        if (!m.Success)
        {
            return $"'{v}' is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])";
        }

        var parts = m.Groups["core"].Value.Split('.').Length;
        return (fourParts ? parts is >= 1 and <= 4 : parts == 3) ? null : $"'{v}' has {parts} numeric parts";
    }

    private static int CompareSemVer(string a, string b, bool ignoreCase)
    {
        var x = SemVerPattern().Match(a.TrimStart('v'));
        var y = SemVerPattern().Match(b.TrimStart('v'));
        var xs = x.Groups["core"].Value.Split('.');
        var ys = y.Groups["core"].Value.Split('.');
        for (var i = 0; i < Math.Max(xs.Length, ys.Length); i++)
        {
            var c = CompareDigits(i < xs.Length ? xs[i] : "0", i < ys.Length ? ys[i] : "0");
            if (c != 0)
            {
                return c;
            }
        }

        var xp = x.Groups["pre"].Success ? x.Groups["pre"].Value : null;
        var yp = y.Groups["pre"].Success ? y.Groups["pre"].Value : null;
        if (xp is null || yp is null)
        {
            return (xp is null ? 1 : 0) - (yp is null ? 1 : 0);
        }

        var xi = xp.Split('.');
        var yi = yp.Split('.');
        for (var i = 0; i < Math.Min(xi.Length, yi.Length); i++)
        {
            var xn = xi[i].All(char.IsAsciiDigit);
            var yn = yi[i].All(char.IsAsciiDigit);
            var c = (xn, yn) switch
            {
                (true, true) => CompareDigits(xi[i], yi[i]),
                (true, false) => -1,
                (false, true) => 1,
                _ => ignoreCase ? string.Compare(xi[i], yi[i], StringComparison.OrdinalIgnoreCase) : string.CompareOrdinal(xi[i], yi[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return xi.Length.CompareTo(yi.Length);
    }

    /// <summary>Compares digit strings of any length numerically.</summary>
    internal static int CompareDigits(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
    }

    private static int CompareIntDot(string a, string b)
    {
        var xs = a.Split('.');
        var ys = b.Split('.');
        for (var i = 0; i < Math.Max(xs.Length, ys.Length); i++)
        {
            var c = CompareDigits(i < xs.Length ? xs[i] : "0", i < ys.Length ? ys[i] : "0");
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    private static string? CheckDateTime(string v) =>
        DateTimePattern().IsMatch(v) && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : $"'{v}' is not an RFC 3339 timestamp";

    // ----- Debian (dpkg) -----

    private static int CompareDebian(string a, string b)
    {
        var (ea, ua, ra) = SplitEvr(a, revisionSeparatorLast: true);
        var (eb, ub, rb) = SplitEvr(b, revisionSeparatorLast: true);
        var c = CompareDigits(ea ?? "0", eb ?? "0");
        if (c != 0)
        {
            return c;
        }

        c = DpkgCompare(ua, ub);
        return c != 0 ? c : DpkgCompare(ra ?? "", rb ?? "");
    }

    private static int DpkgCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var x = i < a.Length && !char.IsAsciiDigit(a[i]) ? DpkgOrder(a[i]) : 0;
                var y = j < b.Length && !char.IsAsciiDigit(b[j]) ? DpkgOrder(b[j]) : 0;
                if (x != y)
                {
                    return x - y;
                }

                i++;
                j++;
            }

            var si = i;
            while (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                i++;
            }

            var sj = j;
            while (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                j++;
            }

            var c = CompareDigits(si < a.Length ? a[si..i] : "", sj < b.Length ? b[sj..j] : "");
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int DpkgOrder(char c) =>
        c == '~' ? -1 : char.IsAsciiLetter(c) ? c : c + 256;

    private static (string? Epoch, string Version, string? Release) SplitEvr(string v, bool revisionSeparatorLast)
    {
        string? epoch = null;
        var colon = v.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && v[..colon].All(char.IsAsciiDigit))
        {
            epoch = v[..colon];
            v = v[(colon + 1)..];
        }

        var dash = revisionSeparatorLast ? v.LastIndexOf('-') : v.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (epoch, v, null) : (epoch, v[..dash], v[(dash + 1)..]);
    }

    // ----- RPM (rpmvercmp) and Arch (pacman's variant) -----

    private static int CompareRpm(string a, string b)
    {
        var (ea, va, ra) = SplitEvr(a, revisionSeparatorLast: true);
        var (eb, vb, rb) = SplitEvr(b, revisionSeparatorLast: true);
        var c = CompareDigits(ea ?? "0", eb ?? "0");
        if (c != 0)
        {
            return c;
        }

        c = RpmVerCmp(va, vb);
        return c != 0 || ra is null || rb is null ? c : RpmVerCmp(ra, rb);
    }

    private static int CompareAlpm(string a, string b)
    {
        var (ea, va, ra) = SplitEvr(a, revisionSeparatorLast: true);
        var (eb, vb, rb) = SplitEvr(b, revisionSeparatorLast: true);
        var c = CompareDigits(ea ?? "0", eb ?? "0");
        if (c != 0)
        {
            return c;
        }

        c = PacmanVerCmp(va, vb);
        return c != 0 || ra is null || rb is null ? c : PacmanVerCmp(ra, rb);
    }

    /// <summary>
    /// pacman's variant of rpmvercmp: the number of separators between segments matters, and what is left over
    /// decides: a leftover letter run is older, anything else newer.
    /// </summary>
    private static int PacmanVerCmp(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            int si = i, sj = j;
            while (i < a.Length && !char.IsAsciiLetterOrDigit(a[i]))
            {
                i++;
            }

            while (j < b.Length && !char.IsAsciiLetterOrDigit(b[j]))
            {
                j++;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            if (i - si != j - sj)
            {
                return i - si < j - sj ? -1 : 1;
            }

            var numeric = char.IsAsciiDigit(a[i]);
            si = i;
            sj = j;
            while (i < a.Length && (numeric ? char.IsAsciiDigit(a[i]) : char.IsAsciiLetter(a[i])))
            {
                i++;
            }

            while (j < b.Length && (numeric ? char.IsAsciiDigit(b[j]) : char.IsAsciiLetter(b[j])))
            {
                j++;
            }

            if (sj == j)
            {
                return numeric ? 1 : -1;
            }

            var c = numeric ? CompareDigits(a[si..i], b[sj..j]) : string.CompareOrdinal(a[si..i], b[sj..j]);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        var aLeft = i < a.Length;
        var bLeft = j < b.Length;
        if (!aLeft && !bLeft)
        {
            return 0;
        }

        return (!aLeft && !char.IsAsciiLetter(b[j])) || (aLeft && char.IsAsciiLetter(a[i])) ? -1 : 1;
    }

    /// <summary>
    /// rpmvercmp: runs of digits or letters separated by anything else; digits beat letters; <c>~</c> sorts before
    /// everything, <c>^</c> after the version it extends but before anything longer.
    /// </summary>
    private static int RpmVerCmp(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !char.IsAsciiLetterOrDigit(a[i]) && a[i] != '~' && a[i] != '^')
            {
                i++;
            }

            while (j < b.Length && !char.IsAsciiLetterOrDigit(b[j]) && b[j] != '~' && b[j] != '^')
            {
                j++;
            }

            if (((i < a.Length && a[i] == '~') || (j < b.Length && b[j] == '~')))
            {
                if (i >= a.Length || a[i] != '~')
                {
                    return 1;
                }

                if (j >= b.Length || b[j] != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (((i < a.Length && a[i] == '^') || (j < b.Length && b[j] == '^')))
            {
                if (i >= a.Length)
                {
                    return -1;
                }

                if (j >= b.Length)
                {
                    return 1;
                }

                if (a[i] != '^')
                {
                    return 1;
                }

                if (b[j] != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            var numeric = char.IsAsciiDigit(a[i]);
            var si = i;
            var sj = j;
            while (i < a.Length && (numeric ? char.IsAsciiDigit(a[i]) : char.IsAsciiLetter(a[i])))
            {
                i++;
            }

            while (j < b.Length && (numeric ? char.IsAsciiDigit(b[j]) : char.IsAsciiLetter(b[j])))
            {
                j++;
            }

            if (sj == j)
            {
                return numeric ? 1 : -1;
            }

            var c = numeric ? CompareDigits(a[si..i], b[sj..j]) : string.CompareOrdinal(a[si..i], b[sj..j]);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        var aLeft = i < a.Length;
        var bLeft = j < b.Length;
        if (!aLeft && !bLeft)
        {
            return 0;
        }

        return aLeft ? 1 : -1;
    }

    // ----- RubyGems -----

    private static int CompareGem(string a, string b)
    {
        var xs = GemSegments(a);
        var ys = GemSegments(b);
        for (var i = 0; i < Math.Max(xs.Count, ys.Count); i++)
        {
            var x = i < xs.Count ? xs[i] : "0";
            var y = i < ys.Count ? ys[i] : "0";
            var xn = char.IsAsciiDigit(x[0]);
            var yn = char.IsAsciiDigit(y[0]);
            var c = (xn, yn) switch
            {
                (true, true) => CompareDigits(x, y),
                (true, false) => 1,
                (false, true) => -1,
                _ => string.CompareOrdinal(x, y),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>Gem::Version canonical segments: numbers and letter runs, trailing zeros before a pre-release dropped.</summary>
    private static List<string> GemSegments(string v)
    {
        var segments = GemSegment().Matches(v.Trim().Replace('-', '.')).Select(m => m.Value).ToList();
        var firstLetter = segments.FindIndex(s => !char.IsAsciiDigit(s[0]));
        var release = firstLetter < 0 ? segments : segments[..firstLetter];
        var pre = firstLetter < 0 ? [] : segments[firstLetter..];
        while (release.Count > 0 && release[^1].TrimStart('0').Length == 0)
        {
            release.RemoveAt(release.Count - 1);
        }

        return [.. release, .. pre];
    }

    [GeneratedRegex(@"^(?<core>\d+(?:\.\d+)*)(?:-(?<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex SemVerPattern();

    [GeneratedRegex(@"^\d+(?:\.\d+)*$")]
    private static partial Regex IntDotPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^(?:\d+:)?[0-9][A-Za-z0-9.+~:-]*$")]
    private static partial Regex DebianPattern();

    [GeneratedRegex(@"^[0-9]+(?:[.-]?[0-9a-zA-Z]+)*$")]
    private static partial Regex GemPattern();

    [GeneratedRegex(@"[0-9]+|[a-zA-Z]+")]
    private static partial Regex GemSegment();
}
