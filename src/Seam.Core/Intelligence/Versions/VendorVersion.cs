using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Seam.Intelligence.Versions;

/// <summary>How a vendor numbers its releases; versions of different numberings cannot be ordered.</summary>
public enum VersionNumbering
{
    /// <summary>Dotted numbers: <c>V2.9.7</c>, <c>4.2.3 SP1</c>, <c>R20.1</c>.</summary>
    Dotted,

    /// <summary>A release year first: <c>2019 SP1</c>, <c>2022.4</c>, <c>2017 R2</c>.</summary>
    YearRelease,

    /// <summary>A calendar date: <c>2019-09-21</c>.</summary>
    Date,
}

public enum VersionOrder
{
    Less,
    Equal,
    Greater,
    Incomparable,
}

/// <summary>The result of ordering two versions; <see cref="Reason"/> says why when they cannot be ordered.</summary>
public readonly record struct VersionComparison(VersionOrder Order, string? Reason = null)
{
    public static VersionComparison Less { get; } = new(VersionOrder.Less);

    public static VersionComparison Equal { get; } = new(VersionOrder.Equal);

    public static VersionComparison Greater { get; } = new(VersionOrder.Greater);

    public static VersionComparison FromSign(int sign) =>
        sign < 0 ? Less : sign > 0 ? Greater : Equal;

    public static VersionComparison Incomparable(string reason) => new(VersionOrder.Incomparable, reason);

    public static string Symbol(VersionOrder order) => order switch
    {
        VersionOrder.Less => "<",
        VersionOrder.Equal => "=",
        VersionOrder.Greater => ">",
        _ => "?",
    };
}

/// <summary>
/// A version string as ICS vendors write it (<c>V2.9.7</c>, <c>FW 1.12</c>, <c>V3.0 Update 5</c>, <c>2019 SP1</c>,
/// <c>V4.2 (build 1234)</c>), reduced to a comparable form: prefix words (V, FW, Firmware, Version, Rev, R) are
/// dropped, the dotted numbers are compared numerically with missing trailing parts read as zero, and qualifiers
/// are ordered pre-release (alpha &lt; beta &lt; rc) &lt; release &lt; R &lt; SP &lt; Update &lt; Hotfix &lt; Patch.
/// A build number only orders two versions that both give one; text Seam does not recognise makes two otherwise
/// equal versions incomparable rather than equal.
/// </summary>
public sealed partial class VendorVersion
{
    private VendorVersion(string original)
    {
        Original = original;
    }

    /// <summary>The text as given.</summary>
    public string Original { get; }

    public VersionNumbering Numbering { get; private init; }

    /// <summary>The numeric components (<c>V2.9.7</c> → 2, 9, 7).</summary>
    public IReadOnlyList<long> Numbers { get; private init; } = [];

    /// <summary>Letters (and digits) glued to the last number, as in <c>1.0.1b</c> or <c>4.04E</c>; lower case.</summary>
    public string? Suffix { get; private init; }

    /// <summary>Pre-release rank: -3 alpha, -2 beta, -1 rc/pre/preview; null for a release.</summary>
    public int? PreRelease { get; private init; }

    public long PreReleaseNumber { get; private init; }

    /// <summary>Vendor "R" release within a year or version (<c>2017 R2</c>).</summary>
    public long Release { get; private init; }

    public long ServicePack { get; private init; }

    public long Update { get; private init; }

    public long Hotfix { get; private init; }

    public long Patch { get; private init; }

    public long? Build { get; private init; }

    /// <summary>Trailing text Seam does not understand, kept so that it is never silently ignored.</summary>
    public string? Extra { get; private init; }

    /// <summary>A normalised spelling: <c>2.9.7</c>, <c>3.0 Update 5</c>, <c>4.2 build 1234</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Numbering == VersionNumbering.Date)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Numbers[0]:D4}-{Numbers[1]:D2}-{Numbers[2]:D2}");
        }
        else
        {
            sb.AppendJoin('.', Numbers);
        }

        sb.Append(Suffix);
        if (PreRelease is { } pre)
        {
            sb.Append('-').Append(pre switch { -3 => "alpha", -2 => "beta", _ => "rc" });
            if (PreReleaseNumber > 0)
            {
                sb.Append(PreReleaseNumber);
            }
        }

        Append(sb, "R", Release);
        Append(sb, "SP", ServicePack);
        Append(sb, "Update ", Update);
        Append(sb, "HF", Hotfix);
        Append(sb, "Patch ", Patch);
        if (Build is { } build)
        {
            sb.Append(" build ").Append(build);
        }

        if (Extra is not null)
        {
            sb.Append(' ').Append(Extra);
        }

        return sb.ToString();

        static void Append(StringBuilder sb, string label, long value)
        {
            if (value > 0)
            {
                sb.Append(' ').Append(label).Append(value);
            }
        }
    }

    public static VendorVersion Parse(string text) =>
        TryParse(text, out var version, out var reason) ? version : throw new FormatException(reason);

    /// <summary>
    /// Reads a vendor version. On failure <paramref name="reason"/> says what the text is instead (a date, a
    /// serial number, a wildcard pattern, free text).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out VendorVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "the version is empty";
            return false;
        }

        var original = text.Trim();
        var s = WhitespaceRun().Replace(original, " ").ToLowerInvariant();

        if (s.Contains("serial", StringComparison.Ordinal))
        {
            reason = $"'{original}' speaks of serial numbers, not versions";
            return false;
        }

        if (s.IndexOfAny(['|', '<', '>', '=']) >= 0)
        {
            reason = $"'{original}' is a list or range of versions, not a single version";
            return false;
        }

        if (MonthName().IsMatch(s) || SlashDate().IsMatch(s))
        {
            reason = $"'{original}' is a date, not a version";
            return false;
        }

        s = StripPrefixes(s);

        if (IsoDate().Match(s) is { Success: true } date)
        {
            var numbers = new[] { Long(date.Groups[1].Value), Long(date.Groups[2].Value), Long(date.Groups[3].Value) };
            var dateRest = s[date.Length..].Trim(' ', '_', '-');
            version = new VendorVersion(original)
            {
                Numbering = VersionNumbering.Date,
                Numbers = numbers,
                Extra = dateRest.Length == 0 ? null : original[^dateRest.Length..],
            };
            reason = null;
            return true;
        }

        var core = Core().Match(s);
        if (!core.Success)
        {
            reason = Wildcard().IsMatch(s)
                ? $"'{original}' is a wildcard pattern, not a single version"
                : $"'{original}' does not start with a version number";
            return false;
        }

        var parts = core.Groups["num"].Value.Split('.').Select(Long).ToArray();
        var rest = s[core.Length..];
        if ((Wildcard().IsMatch(s) && rest.TrimStart('.').StartsWith('x')) || core.Groups["suffix"].Value.All(c => c == 'x') && core.Groups["suffix"].Length > 0)
        {
            reason = $"'{original}' is a wildcard pattern, not a single version";
            return false;
        }

        var builder = new QualifierReader(WhitespaceRun().Replace(original, " "), rest);
        builder.Read();

        var yearLike = core.Groups["num"].Value is var first
            && first.Split('.')[0] is { Length: 4 } year
            && long.Parse(year, CultureInfo.InvariantCulture) is >= 1990 and <= 2099;

        version = new VendorVersion(original)
        {
            Numbering = yearLike ? VersionNumbering.YearRelease : VersionNumbering.Dotted,
            Numbers = parts,
            Suffix = core.Groups["suffix"].Success && core.Groups["suffix"].Value.Length > 0 ? core.Groups["suffix"].Value : null,
            PreRelease = builder.PreRelease,
            PreReleaseNumber = builder.PreReleaseNumber,
            Release = builder.Release,
            ServicePack = builder.ServicePack,
            Update = builder.Update,
            Hotfix = builder.Hotfix,
            Patch = builder.Patch,
            Build = builder.Build,
            Extra = builder.Extra,
        };
        reason = null;
        return true;
    }

    /// <summary>Orders two vendor versions, or says why they cannot be ordered.</summary>
    public VersionComparison CompareTo(VendorVersion other) => Compare(this, other, buildOptional: false);

    public static VersionComparison Compare(string left, string right)
    {
        if (!TryParse(left, out var a, out var reason) || !TryParse(right, out var b, out reason))
        {
            return VersionComparison.Incomparable(reason!);
        }

        return a!.CompareTo(b!);
    }

    /// <summary>
    /// Whether an asset runs exactly the version an advisory names (a <c>product_version</c> branch). An advisory
    /// version without a build number covers every build of it. Advisory text that is a pattern or a list
    /// (<c>V3.x</c>, <c>7.30 | 7.40</c>) is read as a range.
    /// </summary>
    public static RangeVerdict Matches(string advisoryVersion, string assetVersion)
    {
        if (!TryParse(advisoryVersion, out var advisory, out var advisoryReason))
        {
            var range = VersionRange.Parse(advisoryVersion);
            return range.Range is { } parsed
                ? parsed.Evaluate(assetVersion)
                : RangeVerdict.Unknown($"advisory version '{advisoryVersion}' cannot be evaluated: {advisoryReason}");
        }

        if (!TryParse(assetVersion, out var asset, out var assetReason))
        {
            return RangeVerdict.Unknown($"asset version '{assetVersion}' is not a version Seam can compare: {assetReason}");
        }

        var order = Compare(asset!, advisory!, buildOptional: advisory!.Build is null);
        return order.Order switch
        {
            VersionOrder.Equal => RangeVerdict.Inside($"asset version '{assetVersion}' is advisory version '{advisoryVersion}' ({asset})"),
            VersionOrder.Incomparable => RangeVerdict.Unknown(order.Reason!),
            _ => RangeVerdict.Outside(
                $"asset version '{assetVersion}' {VersionComparison.Symbol(order.Order)} advisory version '{advisoryVersion}'"),
        };
    }

    internal static VersionComparison Compare(VendorVersion a, VendorVersion b, bool buildOptional)
    {
        if (a.Numbering != b.Numbering)
        {
            return VersionComparison.Incomparable(
                $"'{a.Original}' is {Describe(a.Numbering)} and '{b.Original}' is {Describe(b.Numbering)}; Seam cannot order them");
        }

        var length = Math.Max(a.Numbers.Count, b.Numbers.Count);
        for (var i = 0; i < length; i++)
        {
            var x = i < a.Numbers.Count ? a.Numbers[i] : 0;
            var y = i < b.Numbers.Count ? b.Numbers[i] : 0;
            if (x != y)
            {
                return VersionComparison.FromSign(x.CompareTo(y));
            }
        }

        var suffix = CompareSuffix(a.Suffix, b.Suffix);
        if (suffix != 0)
        {
            return VersionComparison.FromSign(suffix);
        }

        var pre = (a.PreRelease ?? 0).CompareTo(b.PreRelease ?? 0);
        if (pre == 0 && a.PreRelease is not null)
        {
            pre = a.PreReleaseNumber.CompareTo(b.PreReleaseNumber);
        }

        foreach (var sign in (ReadOnlySpan<int>)[
            pre,
            a.Release.CompareTo(b.Release),
            a.ServicePack.CompareTo(b.ServicePack),
            a.Update.CompareTo(b.Update),
            a.Hotfix.CompareTo(b.Hotfix),
            a.Patch.CompareTo(b.Patch),
        ])
        {
            if (sign != 0)
            {
                return VersionComparison.FromSign(sign);
            }
        }

        if (!string.Equals(a.Extra, b.Extra, StringComparison.OrdinalIgnoreCase))
        {
            var text = a.Extra is null ? b : a;
            return VersionComparison.Incomparable(
                $"'{text.Original}' carries '{text.Extra}', which Seam cannot order against '{(text == a ? b : a).Original}'");
        }

        if (a.Build is { } x1 && b.Build is { } y1)
        {
            return VersionComparison.FromSign(x1.CompareTo(y1));
        }

        if (a.Build is null != b.Build is null && !buildOptional)
        {
            var without = a.Build is null ? a : b;
            return VersionComparison.Incomparable(
                $"'{without.Original}' gives no build number, so it cannot be ordered against '{(without == a ? b : a).Original}'");
        }

        return VersionComparison.Equal;
    }

    private static int CompareSuffix(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        return string.CompareOrdinal(a, b) switch { < 0 => -1, > 0 => 1, _ => 0 };
    }

    private static string Describe(VersionNumbering numbering) => numbering switch
    {
        VersionNumbering.YearRelease => "numbered by release year",
        VersionNumbering.Date => "a date",
        _ => "a dotted version",
    };

    private static string StripPrefixes(string s)
    {
        while (true)
        {
            var m = Prefix().Match(s);
            if (!m.Success)
            {
                return s;
            }

            var rest = s[m.Length..];
            if (rest.Length == 0 || !(char.IsAsciiDigit(rest[0]) || Prefix().IsMatch(rest)))
            {
                return s;
            }

            s = rest;
        }
    }

    private static long Long(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;

    /// <summary>Reads the qualifiers after the numbers, one at a time, each at most once.</summary>
    private sealed class QualifierReader(string original, string rest)
    {
        public int? PreRelease { get; private set; }

        public long PreReleaseNumber { get; private set; }

        public long Release { get; private set; }

        public long ServicePack { get; private set; }

        public long Update { get; private set; }

        public long Hotfix { get; private set; }

        public long Patch { get; private set; }

        public long? Build { get; private set; }

        public string? Extra { get; private set; }

        public void Read()
        {
            var seen = new HashSet<string>();
            var s = rest;
            while (true)
            {
                var trimmed = s.TrimStart(' ', '.', '_', '-', ',', '(', ')');
                if (trimmed.Length == 0)
                {
                    return;
                }

                var m = Qualifier().Match(trimmed);
                var kind = m.Success ? KindOf(m) : null;
                if (kind is null || !seen.Add(kind))
                {
                    Extra = original[^trimmed.Length..].Trim();
                    return;
                }

                var number = m.Groups["n"].Success && m.Groups["n"].Value.Length > 0 ? Long(m.Groups["n"].Value) : 0;
                switch (kind)
                {
                    case "alpha": PreRelease = -3; PreReleaseNumber = number; break;
                    case "beta": PreRelease = -2; PreReleaseNumber = number; break;
                    case "rc": PreRelease = -1; PreReleaseNumber = number; break;
                    case "r": Release = number; break;
                    case "sp": ServicePack = number; break;
                    case "update": Update = number; break;
                    case "hotfix": Hotfix = number; break;
                    case "patch": Patch = number; break;
                    case "build": Build = number; break;
                }

                s = trimmed[m.Length..];
            }
        }

        private static string? KindOf(Match m)
        {
            var word = m.Groups["w"].Value.Replace(" ", "", StringComparison.Ordinal);
            var hasNumber = m.Groups["n"].Value.Length > 0;
            return word switch
            {
                "alpha" => "alpha",
                "beta" => "beta",
                "rc" or "pre" or "preview" => "rc",
                "r" when hasNumber => "r",
                "sp" or "servicepack" when hasNumber => "sp",
                "update" or "upd" or "u" or "cu" when hasNumber => "update",
                "hf" or "hotfix" when hasNumber => "hotfix",
                "patch" when hasNumber => "patch",
                "build" or "bld" or "b" when hasNumber => "build",
                "" when hasNumber => "build",
                _ => null,
            };
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"^(?:firmware|version|ver|rev|fw|v|r)\.?[ :_-]*")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(?<num>(?>\d+(?:\.\d+)*))(?<suffix>(?!(?:sp|u|hf|rc|cu|b|r)\d)(?!(?:alpha|beta|build|update|upd|patch|hotfix|pre|preview|rc)\b)[a-z]+\d*)?")]
    private static partial Regex Core();

    [GeneratedRegex(@"^(?<w>alpha|beta|rc|preview|pre|service ?pack|sp|update|upd|cu|u|hotfix|hf|patch|build|bld|b|r|)[ .:_-]?(?<n>\d+)?(?=$|[ .,_()-])")]
    private static partial Regex Qualifier();

    [GeneratedRegex(@"(?:^|\d\.)x+\b|\d\.\*|^\*$")]
    private static partial Regex Wildcard();

    [GeneratedRegex(@"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b \d")]
    private static partial Regex MonthName();

    [GeneratedRegex(@"^\d{1,2}/\d{1,2}/\d{4}$")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"^(?:build )?(\d{4})-(\d{2})-(\d{2})")]
    private static partial Regex IsoDate();
}
