using System.Text.RegularExpressions;

namespace Seam.Intelligence.Versions;

/// <summary>
/// Python package versions (PEP 440): <c>[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]</c>, with the spelling
/// variants PEP 440 normalises (<c>alpha</c>, <c>-post</c>, <c>c</c> for rc, implicit numbers).
/// </summary>
internal static partial class Pep440
{
    internal sealed record Version(
        long Epoch,
        long[] Release,
        (int Kind, long Number)? Pre,
        long? Post,
        long? Dev,
        string[]? Local);

    public static bool TryParse(string text, out Version? version)
    {
        version = null;
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        (int, long)? pre = null;
        if (m.Groups["pre_l"].Success)
        {
            var kind = m.Groups["pre_l"].Value.ToLowerInvariant() switch
            {
                "a" or "alpha" => 0,
                "b" or "beta" => 1,
                _ => 2,
            };
            pre = (kind, Number(m.Groups["pre_n"]));
        }

        long? post = m.Groups["post_n1"].Success ? Number(m.Groups["post_n1"])
            : m.Groups["post_l"].Success ? Number(m.Groups["post_n2"])
            : null;
        long? dev = m.Groups["dev_l"].Success ? Number(m.Groups["dev_n"]) : null;
        version = new Version(
            m.Groups["epoch"].Success ? long.Parse(m.Groups["epoch"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            [.. m.Groups["release"].Value.Split('.').Select(p => long.Parse(p, System.Globalization.CultureInfo.InvariantCulture))],
            pre,
            post,
            dev,
            m.Groups["local"].Success ? m.Groups["local"].Value.ToLowerInvariant().Split('.', '-', '_') : null);
        return true;

        static long Number(Group g) =>
            g.Success && g.Value.Length > 0 ? long.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public static int Compare(string a, string b)
    {
        TryParse(a, out var x);
        TryParse(b, out var y);
        return Compare(x!, y!);
    }

    private static int Compare(Version x, Version y)
    {
        var c = x.Epoch.CompareTo(y.Epoch);
        if (c != 0)
        {
            return c;
        }

        for (var i = 0; i < Math.Max(x.Release.Length, y.Release.Length); i++)
        {
            c = (i < x.Release.Length ? x.Release[i] : 0).CompareTo(i < y.Release.Length ? y.Release[i] : 0);
            if (c != 0)
            {
                return c;
            }
        }

        c = PreKey(x).CompareTo(PreKey(y));
        if (c != 0)
        {
            return c;
        }

        c = (x.Post ?? -1).CompareTo(y.Post ?? -1);
        if (c != 0)
        {
            return c;
        }

        c = (x.Dev ?? long.MaxValue).CompareTo(y.Dev ?? long.MaxValue);
        return c != 0 ? c : CompareLocal(x.Local, y.Local);
    }

    /// <summary>A dev release of a final version sorts before its pre-releases; a final version after them.</summary>
    private static (int, long) PreKey(Version v) =>
        v.Pre is { } pre ? pre
        : v.Post is null && v.Dev is not null ? (-1, 0)
        : (3, 0);

    private static int CompareLocal(string[]? x, string[]? y)
    {
        if (x is null || y is null)
        {
            return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        }

        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var xn = x[i].All(char.IsAsciiDigit);
            var yn = y[i].All(char.IsAsciiDigit);
            var c = (xn, yn) switch
            {
                (true, true) => VersionSchemes.CompareDigits(x[i], y[i]),
                (true, false) => 1,
                (false, true) => -1,
                _ => string.CompareOrdinal(x[i], y[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    [GeneratedRegex(
        @"^v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)" +
        @"(?:[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?" +
        @"(?:-(?<post_n1>[0-9]+)|[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?)?" +
        @"(?:[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?" +
        @"(?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
