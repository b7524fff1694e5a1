using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Seam.Intelligence.Cvss;

/// <summary>
/// A CVSS v2.0 vector (<c>AV:N/AC:L/Au:N/C:P/I:P/A:P</c>, optionally in parentheses as NVD wrote them) with its
/// base, temporal and environmental scores, computed in exact decimal arithmetic and rounded half up to one decimal
/// as the v2 guide defines. Temporal and environmental metrics left out count as Not Defined (ND); see
/// <see cref="HasTemporalMetrics"/> and <see cref="HasEnvironmentalMetrics"/> to tell whether the vector set any.
/// </summary>
public sealed class CvssV2Vector : CvssVector
{
    private const int AV = 0, AC = 1, Au = 2, C = 3, I = 4, A = 5, E = 6, RL = 7, RC = 8, CDP = 9, TD = 10, CR = 11, IR = 12, AR = 13;

    private static readonly CvssMetricSet Set = new("CVSS v2", BuildDefinitions());

    private CvssV2Vector(byte[] values, uint explicitMask)
        : base(Set, values, explicitMask)
    {
        var impact = Impact(adjusted: false);
        var exploitability = 20m * Dec(AV) * Dec(AC) * Dec(Au);
        var baseScore = BaseEquation(impact, exploitability);
        var temporalFactor = Dec(E) * Dec(RL) * Dec(RC);
        var adjustedTemporal = Round1(BaseEquation(Impact(adjusted: true), exploitability) * temporalFactor);

        BaseScore = (double)baseScore;
        TemporalScore = (double)Round1(baseScore * temporalFactor);
        EnvironmentalScore = (double)Round1((adjustedTemporal + ((10m - adjustedTemporal) * Dec(CDP))) * Dec(TD));
        ImpactSubScore = (double)Round1(impact);
        ExploitabilitySubScore = (double)Round1(exploitability);
    }

    public override CvssVersion Version => CvssVersion.V2;

    public override double Score => BaseScore;

    /// <summary>NVD's v2 ranges: Low 0.0–3.9, Medium 4.0–6.9, High 7.0–10.0.</summary>
    public override CvssSeverity Severity => SeverityV2(BaseScore);

    public double BaseScore { get; }

    /// <summary>Base score times the E, RL and RC weights; equals the base score when those are Not Defined.</summary>
    public double TemporalScore { get; }

    /// <summary>The v2 environmental equation with Not Defined weights for whatever the vector leaves out.</summary>
    public double EnvironmentalScore { get; }

    public double ImpactSubScore { get; }

    public double ExploitabilitySubScore { get; }

    /// <summary>True when the vector sets E, RL or RC to something other than ND.</summary>
    public bool HasTemporalMetrics => AnyDefined(E, RC);

    /// <summary>True when the vector sets CDP, TD, CR, IR or AR to something other than ND.</summary>
    public bool HasEnvironmentalMetrics => AnyDefined(CDP, AR);

    public CvssAttackVector AccessVector => Letter(AV) switch
    {
        'N' => CvssAttackVector.Network,
        'A' => CvssAttackVector.Adjacent,
        _ => CvssAttackVector.Local,
    };

    /// <summary>v2 Access Complexity has three levels; Medium is reported as <see cref="CvssAttackComplexity.High"/>
    /// only by <see cref="AttackComplexity"/>, this gives the code itself (<c>L</c>, <c>M</c>, <c>H</c>).</summary>
    public string AccessComplexityCode => Code(AC);

    /// <summary>Low access complexity versus anything harder (Medium or High).</summary>
    public CvssAttackComplexity AttackComplexity => Letter(AC) == 'L' ? CvssAttackComplexity.Low : CvssAttackComplexity.High;

    /// <summary>Authentication as a privileges level: None → None, Single → Low, Multiple → High.</summary>
    public CvssPrivilegesRequired Authentication => Letter(Au) switch
    {
        'N' => CvssPrivilegesRequired.None,
        'S' => CvssPrivilegesRequired.Low,
        _ => CvssPrivilegesRequired.High,
    };

    /// <summary>Partial maps to Low, Complete to High.</summary>
    public CvssImpact Confidentiality => ImpactOf(Letter(C));

    public CvssImpact Integrity => ImpactOf(Letter(I));

    public CvssImpact Availability => ImpactOf(Letter(A));

    private protected override string Prefix => "";

    /// <exception cref="CvssFormatException">Not a valid v2 vector; the message names the metric.</exception>
    public static new CvssV2Vector Parse(string vector) =>
        TryParse(vector, out var result, out var error) ? result : throw error;

    public static bool TryParse(
        string? vector,
        [NotNullWhen(true)] out CvssV2Vector? result,
        [NotNullWhen(false)] out CvssFormatException? error)
    {
        result = null;
        if (string.IsNullOrEmpty(vector))
        {
            error = new CvssFormatException("CVSS vector is empty.", metric: null);
            return false;
        }

        if (vector.StartsWith("CVSS:", StringComparison.OrdinalIgnoreCase))
        {
            error = UnknownPrefix(vector);
            return false;
        }

        var body = vector.AsSpan();
        if (body[0] == '(' || body[^1] == ')')
        {
            if (body.Length < 2 || body[0] != '(' || body[^1] != ')')
            {
                error = new CvssFormatException("CVSS v2 vector has an unbalanced parenthesis.", metric: null);
                return false;
            }

            body = body[1..^1];
        }

        if (!Set.TryParse(body, out var values, out var mask, out error))
        {
            return false;
        }

        result = new CvssV2Vector(values, mask);
        return true;
    }

    /// <summary>
    /// The properties of FIRST's CVSS v2.0 JSON schema that this vector determines: <c>version</c>, one property per
    /// metric the vector writes (<c>accessVector</c>, <c>accessComplexity</c>, <c>authentication</c> …; metrics it
    /// leaves out are absent, ones written as <c>ND</c> are <c>NOT_DEFINED</c>), and <c>baseScore</c>,
    /// <c>temporalScore</c>, <c>environmentalScore</c> (computed with ND for what is left out). Scores are
    /// <see cref="double"/>, every other value a <see cref="string"/>. <c>vectorString</c> is not included.
    /// </summary>
    public IReadOnlyDictionary<string, object> ToJsonProperties()
    {
        var properties = new Dictionary<string, object>(24, StringComparer.Ordinal) { ["version"] = "2.0" };
        MetricSet.AddJsonProperties(properties, Values, ExplicitMask);
        properties["baseScore"] = BaseScore;
        properties["temporalScore"] = TemporalScore;
        properties["environmentalScore"] = EnvironmentalScore;
        return properties;
    }

    internal static CvssSeverity SeverityV2(double score) => score switch
    {
        < 4.0 => CvssSeverity.Low,
        < 7.0 => CvssSeverity.Medium,
        _ => CvssSeverity.High,
    };

    private protected override string Headline()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"CVSS 2.0 base score {BaseScore:0.0} ({Severity}, NVD rating).");
        if (HasTemporalMetrics || HasEnvironmentalMetrics)
        {
            text += string.Create(
                CultureInfo.InvariantCulture,
                $" Temporal score {TemporalScore:0.0}, environmental score {EnvironmentalScore:0.0}.");
        }

        return text;
    }

    private decimal Impact(bool adjusted)
    {
        var c = Dec(C) * (adjusted ? Dec(CR) : 1m);
        var i = Dec(I) * (adjusted ? Dec(IR) : 1m);
        var a = Dec(A) * (adjusted ? Dec(AR) : 1m);
        var impact = 10.41m * (1 - ((1 - c) * (1 - i) * (1 - a)));
        return adjusted ? Math.Min(10m, impact) : impact;
    }

    private static decimal BaseEquation(decimal impact, decimal exploitability) =>
        impact == 0 ? 0m : Math.Max(0m, Round1(((0.6m * impact) + (0.4m * exploitability) - 1.5m) * 1.176m));

    private static decimal Round1(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>The weights are short decimal literals; this conversion keeps them exact (15 significant digits).</summary>
    private decimal Dec(int metricIndex) => (decimal)Weight(metricIndex);

    private static CvssImpact ImpactOf(char code) => code switch
    {
        'C' => CvssImpact.High,
        'P' => CvssImpact.Low,
        _ => CvssImpact.None,
    };

    private static CvssValueDefinition V(string code, string name, double weight, string? explanation) =>
        new(code, name, weight, name.ToUpperInvariant().Replace(' ', '_').Replace('-', '_'), explanation);

    private static CvssValueDefinition NotDefined(double weight) => new("ND", "Not Defined", weight, "NOT_DEFINED", null);

    private static CvssMetricDefinition[] BuildDefinitions()
    {
        CvssValueDefinition[] Cia(string what) =>
        [
            V("N", "None", 0, $"{what} impact None: not affected."),
            V("P", "Partial", 0.275, $"{what} impact Partial: considerable but limited loss."),
            V("C", "Complete", 0.660, $"{what} impact Complete: total loss."),
        ];
        CvssValueDefinition[] Requirement(string what) =>
        [
            V("L", "Low", 0.5, $"{what} requirement Low: losing it would have limited effect here."),
            V("M", "Medium", 1.0, $"{what} requirement Medium: losing it would be serious here."),
            V("H", "High", 1.51, $"{what} requirement High: losing it would be catastrophic here."),
            NotDefined(1.0),
        ];

        return
        [
            new("AV", "Access Vector", "accessVector", true,
                V("L", "Local", 0.395, "Access vector Local: the attacker needs local access or a local account."),
                V("A", "Adjacent Network", 0.646, "Access vector Adjacent Network: the attacker must be on the same broadcast or collision domain."),
                V("N", "Network", 1.0, "Access vector Network: exploitable remotely across routed networks.")),
            new("AC", "Access Complexity", "accessComplexity", true,
                V("H", "High", 0.35, "Access complexity High: specialised conditions must hold."),
                V("M", "Medium", 0.61, "Access complexity Medium: somewhat specialised conditions must hold."),
                V("L", "Low", 0.71, "Access complexity Low: no special conditions.")),
            new("Au", "Authentication", "authentication", true,
                V("M", "Multiple", 0.45, "Authentication Multiple: the attacker must log in two or more times."),
                V("S", "Single", 0.56, "Authentication Single: the attacker must log in once."),
                V("N", "None", 0.704, "Authentication None: no login is needed.")),
            new("C", "Confidentiality Impact", "confidentialityImpact", true, Cia("Confidentiality")),
            new("I", "Integrity Impact", "integrityImpact", true, Cia("Integrity")),
            new("A", "Availability Impact", "availabilityImpact", true, Cia("Availability")),
            new("E", "Exploitability", "exploitability", false,
                V("U", "Unproven", 0.85, "Exploitability Unproven: no exploit code is known."),
                V("POC", "Proof-of-Concept", 0.9, "Exploitability Proof-of-Concept: demonstration code exists."),
                V("F", "Functional", 0.95, "Exploitability Functional: working exploit code exists."),
                V("H", "High", 1.0, "Exploitability High: working exploits are widely available or no exploit is needed."),
                NotDefined(1.0)),
            new("RL", "Remediation Level", "remediationLevel", false,
                V("OF", "Official Fix", 0.87, "Remediation level Official Fix: the vendor has released a fix."),
                V("TF", "Temporary Fix", 0.90, "Remediation level Temporary Fix: the vendor offers an interim fix."),
                V("W", "Workaround", 0.95, "Remediation level Workaround: an unofficial workaround exists."),
                V("U", "Unavailable", 1.0, "Remediation level Unavailable: there is no fix or workaround."),
                NotDefined(1.0)),
            new("RC", "Report Confidence", "reportConfidence", false,
                V("UC", "Unconfirmed", 0.90, "Report confidence Unconfirmed: a single unconfirmed source."),
                V("UR", "Uncorroborated", 0.95, "Report confidence Uncorroborated: several unofficial sources that may disagree."),
                V("C", "Confirmed", 1.0, "Report confidence Confirmed: acknowledged by the vendor or author."),
                NotDefined(1.0)),
            new("CDP", "Collateral Damage Potential", "collateralDamagePotential", false,
                V("N", "None", 0, "Collateral damage potential None: no loss of life, property or production."),
                V("L", "Low", 0.1, "Collateral damage potential Low: light physical or property damage, or loss of revenue."),
                V("LM", "Low-Medium", 0.3, "Collateral damage potential Low-Medium: moderate physical or property damage."),
                V("MH", "Medium-High", 0.4, "Collateral damage potential Medium-High: significant physical or property damage or loss."),
                V("H", "High", 0.5, "Collateral damage potential High: catastrophic physical or property damage or loss."),
                NotDefined(0)),
            new("TD", "Target Distribution", "targetDistribution", false,
                V("N", "None", 0, "Target distribution None: no target systems exist or only in a laboratory."),
                V("L", "Low", 0.25, "Target distribution Low: up to a quarter of the environment is vulnerable."),
                V("M", "Medium", 0.75, "Target distribution Medium: a quarter to three quarters of the environment is vulnerable."),
                V("H", "High", 1.0, "Target distribution High: most of the environment is vulnerable."),
                NotDefined(1.0)),
            new("CR", "Confidentiality Requirement", "confidentialityRequirement", false, Requirement("Confidentiality")),
            new("IR", "Integrity Requirement", "integrityRequirement", false, Requirement("Integrity")),
            new("AR", "Availability Requirement", "availabilityRequirement", false, Requirement("Availability")),
        ];
    }
}
