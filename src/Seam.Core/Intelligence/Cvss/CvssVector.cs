using System.Diagnostics.CodeAnalysis;

namespace Seam.Intelligence.Cvss;

public enum CvssVersion
{
    V2,
    V3_0,
    V3_1,
    V4_0,
}

/// <summary>
/// Qualitative rating. CVSS v3.x and v4.0 use all five (None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9,
/// Critical 9.0–10.0); v2 has no such scale in its specification, so NVD's ranges apply: Low 0.0–3.9,
/// Medium 4.0–6.9, High 7.0–10.0.
/// </summary>
public enum CvssSeverity
{
    None,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>
/// One metric of a parsed vector, e.g. <c>AV</c> "Attack Vector" = <c>N</c> "Network". <see cref="Explicit"/> is
/// false when the vector left an optional metric out and it takes its "Not Defined" value.
/// </summary>
public sealed record CvssMetricValue(string Key, string Name, string ValueCode, string ValueName, bool Explicit);

/// <summary>
/// A parsed and scored CVSS vector of any version. Parsing validates the whole string against the version's
/// specification (unknown, duplicate, missing or ill-valued metrics are refused with a <see cref="CvssFormatException"/>
/// naming the metric); metrics may come in any order and are put in specification order in
/// <see cref="VectorString"/>. Instances are immutable and safe to share between threads.
/// </summary>
public abstract class CvssVector
{
    private protected CvssVector(CvssMetricSet metricSet, byte[] values, uint explicitMask)
    {
        MetricSet = metricSet;
        Values = values;
        ExplicitMask = explicitMask;
    }

    public abstract CvssVersion Version { get; }

    /// <summary>
    /// The vector in normal form: version prefix (none for v2), metrics in specification order, metrics given as
    /// "Not Defined" (<c>X</c>, <c>ND</c>) left out. Parsing it again gives the same vector and the same scores.
    /// </summary>
    public string VectorString => _vectorString ??= MetricSet.Format(Prefix, Values, ExplicitMask);

    /// <summary>
    /// The headline score: the base score for v2 and v3.x; for v4.0 the single score of the vector, which takes the
    /// threat and environmental metrics it carries into account (see <see cref="CvssV4Vector.Nomenclature"/>).
    /// </summary>
    public abstract double Score { get; }

    public abstract CvssSeverity Severity { get; }

    /// <summary>Every metric of the version in specification order, given or not (see <see cref="CvssMetricValue.Explicit"/>).</summary>
    public IReadOnlyList<CvssMetricValue> Metrics => _metrics ??= MetricSet.Describe(Values, ExplicitMask);

    private protected CvssMetricSet MetricSet { get; }

    /// <summary>Per metric (index into <see cref="CvssMetricSet.Definitions"/>), the index of its value.</summary>
    private protected byte[] Values { get; }

    private protected uint ExplicitMask { get; }

    private protected abstract string Prefix { get; }

    private string? _vectorString;
    private IReadOnlyList<CvssMetricValue>? _metrics;

    /// <summary>
    /// Plain sentences for a person reading the vulnerability: the score and rating first, then one sentence per
    /// metric the vector sets.
    /// </summary>
    public IReadOnlyList<string> Explain()
    {
        var sentences = new List<string>(24) { Headline() };
        MetricSet.AddExplanations(sentences, Values, ExplicitMask);
        return sentences;
    }

    private protected abstract string Headline();

    /// <summary>Parses any version: <c>CVSS:3.0/</c>, <c>CVSS:3.1/</c>, <c>CVSS:4.0/</c>, otherwise v2 (optionally in parentheses).</summary>
    /// <exception cref="CvssFormatException">The string is not a valid vector; the message names the metric.</exception>
    public static CvssVector Parse(string vector) =>
        TryParse(vector, out var result, out var error) ? result : throw error;

    public static bool TryParse(
        string? vector,
        [NotNullWhen(true)] out CvssVector? result,
        [NotNullWhen(false)] out CvssFormatException? error)
    {
        result = null;
        if (string.IsNullOrEmpty(vector))
        {
            error = new CvssFormatException("CVSS vector is empty.", metric: null);
            return false;
        }

        if (vector.StartsWith(CvssV4Vector.VersionPrefix, StringComparison.Ordinal))
        {
            var ok = CvssV4Vector.TryParse(vector, out var v4, out error);
            result = v4;
            return ok;
        }

        if (vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal) || vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal))
        {
            var ok = CvssV3Vector.TryParse(vector, out var v3, out error);
            result = v3;
            return ok;
        }

        if (vector.StartsWith("CVSS:", StringComparison.OrdinalIgnoreCase))
        {
            error = UnknownPrefix(vector);
            return false;
        }

        var okV2 = CvssV2Vector.TryParse(vector, out var v2, out error);
        result = v2;
        return okV2;
    }

    internal static CvssFormatException UnknownPrefix(string vector)
    {
        var slash = vector.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? vector : vector[..slash];
        if (prefix.Length > 16)
        {
            prefix = prefix[..16] + "…";
        }

        return new CvssFormatException(
            $"CVSS vector prefix '{prefix}' is not known; expected one of CVSS:3.0/, CVSS:3.1/, CVSS:4.0/ or a v2 vector without prefix.",
            metric: null);
    }

    private protected bool IsExplicit(int metricIndex) => (ExplicitMask & (1u << metricIndex)) != 0;

    /// <summary>The code of a metric's value (<c>N</c>, <c>POC</c> …).</summary>
    private protected string Code(int metricIndex) => MetricSet.Definitions[metricIndex].Values[Values[metricIndex]].Code;

    private protected char Letter(int metricIndex) => Code(metricIndex)[0];

    private protected double Weight(int metricIndex) => MetricSet.Definitions[metricIndex].Values[Values[metricIndex]].Weight;

    /// <summary>True when any metric in [first, last] is given with a value other than "Not Defined".</summary>
    private protected bool AnyDefined(int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            if (IsExplicit(i) && !MetricSet.Definitions[i].Values[Values[i]].IsNotDefined)
            {
                return true;
            }
        }

        return false;
    }

    internal static CvssSeverity SeverityOf(double score) => score switch
    {
        0.0 => CvssSeverity.None,
        < 4.0 => CvssSeverity.Low,
        < 7.0 => CvssSeverity.Medium,
        < 9.0 => CvssSeverity.High,
        _ => CvssSeverity.Critical,
    };

    internal static string JsonSeverity(CvssSeverity severity) => severity switch
    {
        CvssSeverity.None => "NONE",
        CvssSeverity.Low => "LOW",
        CvssSeverity.Medium => "MEDIUM",
        CvssSeverity.High => "HIGH",
        _ => "CRITICAL",
    };

    public override string ToString() => VectorString;
}
