using System.Globalization;
using System.Text.RegularExpressions;

namespace Seam.Intelligence.Versions;

/// <summary>
/// Reads CSAF 2.0 legacy <c>product_version_range</c> strings and the prose vendors put there
/// (<c>&lt; V4.1</c>, <c>&gt;= 1.0 | &lt;= 1.1</c>, <c>V2.0 to V2.9</c>, <c>prior to V3.2</c>, <c>All versions &lt; V3.1 SP2</c>,
/// <c>V4.x</c>) into vers-style constraints over <see cref="VendorVersion"/>s. <c>|</c> separates constraints as in
/// vers, so a list of bounds and exact versions means what the vers containment algorithm says it means.
/// Parenthesised remarks that are not build numbers become caveats.
/// </summary>
internal static partial class VendorRangeText
{
    public static VersionRangeParse Parse(string text)
    {
        var s = Whitespace().Replace(text, " ").Trim();
        var caveats = new List<string>();

        s = Remark().Replace(s, m =>
        {
            var inner = m.Groups[1].Value.Trim();
            if (BuildRemark().IsMatch(inner))
            {
                return m.Value;
            }

            if (inner.Length > 0)
            {
                caveats.Add(inner);
            }

            return " ";
        }).Trim();
        s = ButNotIncluding().Replace(s, " <");
        s = UpToAndIncluding().Replace(s, " <= ");
        s = Whitespace().Replace(s, " ").Trim();

        if (AllVersions().Match(s) is { Success: true } all)
        {
            var rest = s[all.Length..].Trim(' ', ':', ',', ';');
            if (rest.Length == 0)
            {
                return Everything(text, caveats);
            }

            if (!StartsLikeAConstraint().IsMatch(rest))
            {
                caveats.Add(rest);
                return Everything(text, caveats);
            }

            s = rest;
        }

        if (s.Length == 0)
        {
            return Fail($"cannot evaluate '{text.Trim()}': nothing is left once the remarks are set aside");
        }

        var constraints = new List<VersionConstraint>();
        foreach (var piece in s.Split('|'))
        {
            if (piece.Trim().Length == 0)
            {
                return Fail($"cannot evaluate '{text.Trim()}': an alternative between '|' is empty");
            }

            if (ParsePiece(piece.Trim(), constraints) is { } problem)
            {
                return Fail($"cannot evaluate '{text.Trim()}': {problem}");
            }
        }

        return VersionRange.Build(text, VersionSchemes.VendorScheme, constraints, caveats);
    }

    private static string? ParsePiece(string piece, List<VersionConstraint> into)
    {
        var p = LeadingVersionsWord().Replace(piece, "");

        if (Before().Match(p) is { Success: true } before)
        {
            return Add(Comparator.Less, before.Groups["v"].Value, piece, into);
        }

        if (UpTo().Match(p) is { Success: true } upTo)
        {
            return Add(Comparator.LessOrEqual, upTo.Groups["v"].Value, piece, into);
        }

        if (AndEarlier().Match(p) is { Success: true } earlier)
        {
            return Add(Comparator.LessOrEqual, earlier.Groups["v"].Value, piece, into);
        }

        if (AndLater().Match(p) is { Success: true } later)
        {
            return Add(Comparator.GreaterOrEqual, later.Groups["v"].Value, piece, into);
        }

        if (Between().Match(p) is { Success: true } between)
        {
            return Add(Comparator.GreaterOrEqual, between.Groups["lo"].Value, piece, into)
                ?? Add(Comparator.LessOrEqual, between.Groups["hi"].Value, piece, into);
        }

        if (StartsLikeAConstraint().IsMatch(p))
        {
            var matches = ComparatorAndVersion().Matches(p);
            if (matches.Sum(m => m.Length) != p.Length)
            {
                return $"'{piece}' is not a list of comparators and versions";
            }

            foreach (Match m in matches)
            {
                var comparator = m.Groups["op"].Value switch
                {
                    "<" => Comparator.Less,
                    "<=" or "=<" => Comparator.LessOrEqual,
                    ">" => Comparator.Greater,
                    ">=" or "=>" => Comparator.GreaterOrEqual,
                    "!=" => Comparator.NotEqual,
                    _ => Comparator.Equal,
                };
                var version = TrailingAnd().Replace(m.Groups["v"].Value, "").Trim();
                if (Add(comparator, version, piece, into) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        return Add(Comparator.Equal, p, piece, into);
    }

    /// <summary>Adds one constraint; a wildcard version (<c>4.x</c>) becomes the bounds of its series.</summary>
    private static string? Add(Comparator comparator, string version, string piece, List<VersionConstraint> into)
    {
        version = version.Trim();
        if (version.Length == 0)
        {
            return $"'{piece}' has a comparator without a version";
        }

        if (WildcardVersion().Match(version) is { Success: true } wildcard)
        {
            var lower = wildcard.Groups["base"].Value;
            var parts = lower.Split('.');
            parts[^1] = (long.Parse(parts[^1], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            var upper = string.Join('.', parts);
            switch (comparator)
            {
                case Comparator.Equal:
                    into.Add(new VersionConstraint(Comparator.GreaterOrEqual, lower));
                    into.Add(new VersionConstraint(Comparator.Less, upper));
                    return null;
                case Comparator.Less:
                    into.Add(new VersionConstraint(Comparator.Less, lower));
                    return null;
                case Comparator.LessOrEqual:
                    into.Add(new VersionConstraint(Comparator.Less, upper));
                    return null;
                case Comparator.Greater:
                    into.Add(new VersionConstraint(Comparator.GreaterOrEqual, upper));
                    return null;
                case Comparator.GreaterOrEqual:
                    into.Add(new VersionConstraint(Comparator.GreaterOrEqual, lower));
                    return null;
                default:
                    return $"'{piece}' excludes a whole series ('{version}'), which Seam cannot express";
            }
        }

        if (!VendorVersion.TryParse(version, out _, out var reason))
        {
            return reason;
        }

        into.Add(new VersionConstraint(comparator, version));
        return null;
    }

    private static VersionRangeParse Everything(string text, List<string> caveats) =>
        new(new VersionRange(text, VersionSchemes.VendorScheme, [], all: true, none: false, caveats), null);

    private static VersionRangeParse Fail(string reason) => new(null, reason);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex Remark();

    [GeneratedRegex(@"^(?:build\s*)?\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex BuildRemark();

    [GeneratedRegex(@"\s*-?\s*but not including\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ButNotIncluding();

    [GeneratedRegex(@"[\s_]+up[\s_]+to[\s_]+and[\s_]+including[\s_]+", RegexOptions.IgnoreCase)]
    private static partial Regex UpToAndIncluding();

    [GeneratedRegex(@"^(?:\*|(?:all|any)(?:\s+(?:affected\s+)?versions?)?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex AllVersions();

    [GeneratedRegex(@"^(?:<|>|=|!=|prior\b|before\b|earlier\b|up\s+to\b|from\b|versions?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex StartsLikeAConstraint();

    [GeneratedRegex(@"^(?:versions?|releases?)\s+(?=\S)", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingVersionsWord();

    [GeneratedRegex(@"^(?:prior\s+to|before|earlier\s+than|older\s+than|lower\s+than|below)\s+(?:versions?\s+)?(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Before();

    [GeneratedRegex(@"^(?:up\s+to(?:\s+and\s+including)?|through|until)\s+(?:versions?\s+)?(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex UpTo();

    [GeneratedRegex(@"^(?<v>.+?),?\s+(?:and|or)\s+(?:earlier|prior|before|older|below|lower)$", RegexOptions.IgnoreCase)]
    private static partial Regex AndEarlier();

    [GeneratedRegex(@"^(?<v>.+?)(?:,?\s+(?:and|or)\s+(?:later|newer|above|higher|after)|\s*\+)$", RegexOptions.IgnoreCase)]
    private static partial Regex AndLater();

    [GeneratedRegex(@"^(?:from\s+)?(?<lo>[^<>=]+?)\s+(?:to|through|thru|-|–)\s+(?<hi>[^<>=]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Between();

    [GeneratedRegex(@"\s*(?<op><=|=<|>=|=>|!=|<|>|=)\s*(?<v>[^<>=!]*)")]
    private static partial Regex ComparatorAndVersion();

    [GeneratedRegex(@"\s+(?:and|,)\s*$|,\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingAnd();

    [GeneratedRegex(@"^(?:(?:firmware|fw|version|ver\.?|v|r)\s*)*(?<base>\d+(?:\.\d+)*)\.?[x*]+$", RegexOptions.IgnoreCase)]
    private static partial Regex WildcardVersion();
}
