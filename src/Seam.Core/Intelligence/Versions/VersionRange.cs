namespace Seam.Intelligence.Versions;

public enum RangeOutcome
{
    Inside,
    Outside,

    /// <summary>Seam cannot decide; <see cref="RangeVerdict.Reason"/> says why. Never read as Outside.</summary>
    Unknown,
}

/// <summary>Whether a version is inside a range, with a plain sentence saying how that was decided.</summary>
public sealed record RangeVerdict(RangeOutcome Outcome, string Reason)
{
    public static RangeVerdict Inside(string reason) => new(RangeOutcome.Inside, reason);

    public static RangeVerdict Outside(string reason) => new(RangeOutcome.Outside, reason);

    public static RangeVerdict Unknown(string reason) => new(RangeOutcome.Unknown, reason);
}

/// <summary>Either a range Seam can evaluate or the reason it cannot.</summary>
public sealed record VersionRangeParse(VersionRange? Range, string? Reason)
{
    public bool Success => Range is not null;
}

/// <summary>
/// A set of versions an advisory speaks about: a <c>vers:</c> range, or a CSAF 2.0 legacy
/// <c>product_version_range</c> / vendor prose (<c>All versions &lt; V3.1 SP2</c>, <c>V2.0 to V2.9</c>,
/// <c>prior to V3.2</c>, <c>V4.x</c>) read into the same constraint list and evaluated with the vers containment
/// algorithm. Conditions the advisory attaches in prose ("only if the license server is used") are kept in
/// <see cref="Caveats"/> and repeated in every verdict, because Seam cannot check them.
/// </summary>
public sealed class VersionRange
{
    internal VersionRange(string text, VersionScheme scheme, IReadOnlyList<VersionConstraint> constraints, bool all, bool none, IReadOnlyList<string> caveats)
    {
        Text = text;
        Scheme = scheme;
        Constraints = constraints;
        IsAll = all;
        IsNone = none;
        Caveats = caveats;
    }

    /// <summary>The range as the advisory wrote it.</summary>
    public string Text { get; }

    /// <summary>The versioning scheme: a vers type, or <c>vendor</c> for legacy ranges and prose.</summary>
    public string SchemeName => Scheme.Name;

    internal VersionScheme Scheme { get; }

    /// <summary>Sorted by version, as in canonical vers.</summary>
    public IReadOnlyList<VersionConstraint> Constraints { get; }

    public bool IsAll { get; }

    public bool IsNone { get; }

    /// <summary>Conditions and notes in the advisory's wording that Seam cannot check.</summary>
    public IReadOnlyList<string> Caveats { get; }

    public static VersionRangeParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return new VersionRangeParse(null, "cannot evaluate: the range is empty");
        }

        return trimmed.StartsWith("vers:", StringComparison.OrdinalIgnoreCase)
            ? ParseVers(text, trimmed)
            : VendorRangeText.Parse(text);
    }

    /// <summary>Parses <paramref name="range"/> and evaluates <paramref name="version"/> against it.</summary>
    public static RangeVerdict Evaluate(string range, string version)
    {
        var parsed = Parse(range);
        return parsed.Range?.Evaluate(version) ?? RangeVerdict.Unknown(parsed.Reason!);
    }

    /// <summary>The vers containment algorithm; any comparison Seam cannot make turns the verdict into Unknown.</summary>
    public RangeVerdict Evaluate(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var verdict = EvaluateCore(version.Trim());
        return Caveats.Count == 0 || verdict.Outcome == RangeOutcome.Unknown && verdict.Reason.StartsWith("asset", StringComparison.Ordinal)
            ? verdict
            : verdict with { Reason = verdict.Reason + "; the advisory adds: " + string.Join("; ", Caveats.Select(c => $"'{c}'")) + " (Seam cannot check this)" };
    }

    public override string ToString() => Text;

    private RangeVerdict EvaluateCore(string version)
    {
        if (IsAll)
        {
            return RangeVerdict.Inside($"every version is inside '{Text}'");
        }

        if (IsNone)
        {
            return RangeVerdict.Outside($"no version is inside '{Text}'");
        }

        if (Scheme.Check(version) is { } problem)
        {
            return RangeVerdict.Unknown($"asset version '{version}' is not a version Seam can compare: {problem}");
        }

        var relations = new List<string>();
        var orders = new VersionOrder[Constraints.Count];
        for (var i = 0; i < Constraints.Count; i++)
        {
            var order = Scheme.Compare(version, Constraints[i].Version);
            if (order.Order == VersionOrder.Incomparable)
            {
                return RangeVerdict.Unknown($"cannot tell whether '{version}' is inside '{Text}': {order.Reason}");
            }

            orders[i] = order.Order;
            relations.Add($"{version} {VersionComparison.Symbol(order.Order)} {Constraints[i].Version}");
        }

        for (var i = 0; i < Constraints.Count; i++)
        {
            if (orders[i] == VersionOrder.Equal && Constraints[i].Comparator is Comparator.Equal or Comparator.LessOrEqual or Comparator.GreaterOrEqual)
            {
                return Inside(relations[i]);
            }
        }

        for (var i = 0; i < Constraints.Count; i++)
        {
            if (orders[i] == VersionOrder.Equal && Constraints[i].Comparator == Comparator.NotEqual)
            {
                return RangeVerdict.Outside($"{version} is excluded by '{Constraints[i]}' in '{Text}'");
            }
        }

        var bounds = Enumerable.Range(0, Constraints.Count)
            .Where(i => Constraints[i].Comparator is Comparator.Less or Comparator.LessOrEqual or Comparator.Greater or Comparator.GreaterOrEqual)
            .ToList();
        if (bounds.Count == 1)
        {
            var only = bounds[0];
            var below = Constraints[only].Comparator is Comparator.Less or Comparator.LessOrEqual;
            if (below ? orders[only] == VersionOrder.Less : orders[only] == VersionOrder.Greater)
            {
                return Inside(relations[only]);
            }
        }

        for (var k = 0; k + 1 < bounds.Count; k++)
        {
            int cur = bounds[k], next = bounds[k + 1];
            var curBelow = Constraints[cur].Comparator is Comparator.Less or Comparator.LessOrEqual;
            var nextAbove = Constraints[next].Comparator is Comparator.Greater or Comparator.GreaterOrEqual;
            if (k == 0 && curBelow && orders[cur] == VersionOrder.Less)
            {
                return Inside(relations[cur]);
            }

            if (k + 2 == bounds.Count && nextAbove && orders[next] == VersionOrder.Greater)
            {
                return Inside(relations[next]);
            }

            if (!curBelow && !nextAbove && orders[cur] == VersionOrder.Greater && orders[next] == VersionOrder.Less)
            {
                return Inside($"{relations[cur]} and {relations[next]}");
            }
        }

        return RangeVerdict.Outside($"{version} is outside '{Text}' ({string.Join(", ", relations)})");

        RangeVerdict Inside(string relation) => RangeVerdict.Inside($"{relation}, inside '{Text}'");
    }

    private static VersionRangeParse ParseVers(string text, string trimmed)
    {
        // Producers write 'vers:all/<V2.4.8' for "all versions below V2.4.8"; vers only allows 'vers:all/*'.
        if (trimmed.StartsWith("vers:all/", StringComparison.OrdinalIgnoreCase) && trimmed != "vers:all/*")
        {
            var legacy = VendorRangeText.Parse(trimmed["vers:all/".Length..]);
            return legacy.Range is { } range
                ? new VersionRangeParse(
                    new VersionRange(text, range.Scheme, range.Constraints, range.IsAll, range.IsNone,
                        [.. range.Caveats, "'vers:all' takes only '*'; the constraints were read as vendor versions"]),
                    null)
                : legacy;
        }

        var parsed = Vers.Parse(trimmed, requireCanonical: false);
        if (!parsed.Success)
        {
            return new VersionRangeParse(null, $"cannot evaluate: '{trimmed}' is not a valid vers range: {parsed.Error}");
        }

        if (parsed.Scheme is "all" or "none")
        {
            return new VersionRangeParse(
                new VersionRange(text, VersionSchemes.VendorScheme, [], parsed.Scheme == "all", parsed.Scheme == "none", []), null);
        }

        if (VersionSchemes.Find(parsed.Scheme!) is not { } scheme)
        {
            return new VersionRangeParse(null, $"cannot evaluate: scheme '{parsed.Scheme}' not supported");
        }

        if (parsed.Star)
        {
            return new VersionRangeParse(new VersionRange(text, scheme, [], all: true, none: false, []), null);
        }

        foreach (var constraint in parsed.Constraints)
        {
            if (scheme.Check(constraint.Version) is { } problem)
            {
                return new VersionRangeParse(null, $"cannot evaluate: '{constraint.Version}' is not a valid {scheme.Name} version: {problem}");
            }
        }

        return Build(text, scheme, [.. parsed.Constraints], []);
    }

    internal static VersionRangeParse Build(string text, VersionScheme scheme, List<VersionConstraint> constraints, IReadOnlyList<string> caveats)
    {
        if (!Sort(constraints, scheme, out var sorted, out var reason))
        {
            return new VersionRangeParse(null, "cannot evaluate: " + reason);
        }

        if (CheckAlternation(sorted) is { } problem)
        {
            return new VersionRangeParse(null, $"cannot evaluate '{text.Trim()}': {problem}");
        }

        return new VersionRangeParse(new VersionRange(text, scheme, sorted, all: false, none: false, caveats), null);
    }

    /// <summary>Stable insertion sort by version; fails when two versions cannot be ordered.</summary>
    internal static bool Sort(List<VersionConstraint> constraints, VersionScheme scheme, out List<VersionConstraint> sorted, out string? reason)
    {
        sorted = [];
        foreach (var constraint in constraints)
        {
            var at = sorted.Count;
            while (at > 0)
            {
                var order = scheme.Compare(sorted[at - 1].Version, constraint.Version);
                if (order.Order == VersionOrder.Incomparable)
                {
                    reason = $"'{sorted[at - 1].Version}' and '{constraint.Version}' cannot be ordered: {order.Reason}";
                    return false;
                }

                if (order.Order != VersionOrder.Greater)
                {
                    break;
                }

                at--;
            }

            sorted.Insert(at, constraint);
        }

        reason = null;
        return true;
    }

    /// <summary>
    /// The vers validity rule: ignoring <c>!=</c>, an <c>=</c> may only be followed by <c>=</c>, <c>&gt;</c> or
    /// <c>&gt;=</c>, and the bounds must alternate lower/upper. Anything else has no single meaning.
    /// </summary>
    private static string? CheckAlternation(List<VersionConstraint> sorted)
    {
        VersionConstraint? previous = null;
        VersionConstraint? previousBound = null;
        foreach (var c in sorted.Where(c => c.Comparator != Comparator.NotEqual))
        {
            if (previous is { Comparator: Comparator.Equal } && c.Comparator is Comparator.Less or Comparator.LessOrEqual)
            {
                return $"'{previous}' is already covered by the upper bound '{c}' that follows it";
            }

            if (c.Comparator != Comparator.Equal)
            {
                var above = c.Comparator is Comparator.Greater or Comparator.GreaterOrEqual;
                if (previousBound is not null && above == (previousBound.Comparator is Comparator.Greater or Comparator.GreaterOrEqual))
                {
                    return above
                        ? $"'{previousBound}' and '{c}' are both lower bounds, so the range has no single meaning"
                        : $"'{previousBound}' and '{c}' are both upper bounds, so the range has no single meaning";
                }

                previousBound = c;
            }

            previous = c;
        }

        return null;
    }
}
