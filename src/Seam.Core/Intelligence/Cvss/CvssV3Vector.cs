using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Seam.Intelligence.Cvss;

/// <summary>
/// A CVSS v3.0 or v3.1 vector with its base, temporal and environmental scores. Each version is scored by its own
/// specification: v3.0 with exact decimal arithmetic and "Roundup" as the smallest one-decimal number not below the
/// value; v3.1 in floating point with the integer Roundup of the 3.1 specification's Appendix A and the 3.1
/// Modified Impact formula. Temporal and environmental metrics left out count as Not Defined, so those scores equal
/// the base score unless the vector sets them.
/// </summary>
public sealed class CvssV3Vector : CvssVector
{
    private const int AV = 0, AC = 1, PR = 2, UI = 3, S = 4, C = 5, I = 6, A = 7, E = 8, RL = 9, RC = 10;
    private const int CR = 11, IR = 12, AR = 13, MAV = 14, MAC = 15, MPR = 16, MUI = 17, MS = 18, MC = 19, MI = 20, MA = 21;

    private static readonly CvssMetricDefinition[] Definitions = BuildDefinitions();
    private static readonly CvssMetricSet Set30 = new("CVSS:3.0", Definitions);
    private static readonly CvssMetricSet Set31 = new("CVSS:3.1", Definitions);

    private CvssV3Vector(CvssVersion version, CvssMetricSet set, byte[] values, uint explicitMask)
        : base(set, values, explicitMask)
    {
        Version = version;
        if (version == CvssVersion.V3_0)
        {
            ScoreV30();
        }
        else
        {
            ScoreV31();
        }
    }

    public override CvssVersion Version { get; }

    public override double Score => BaseScore;

    public override CvssSeverity Severity => BaseSeverity;

    public double BaseScore { get; private set; }

    public double TemporalScore { get; private set; }

    public double EnvironmentalScore { get; private set; }

    /// <summary>The Impact sub-score, rounded to one decimal as NVD publishes it; 0 where the formula goes below 0.</summary>
    public double ImpactSubScore { get; private set; }

    /// <summary>The Exploitability sub-score, rounded to one decimal as NVD publishes it.</summary>
    public double ExploitabilitySubScore { get; private set; }

    public CvssSeverity BaseSeverity => SeverityOf(BaseScore);

    public CvssSeverity TemporalSeverity => SeverityOf(TemporalScore);

    public CvssSeverity EnvironmentalSeverity => SeverityOf(EnvironmentalScore);

    /// <summary>True when the vector sets E, RL or RC to something other than Not Defined.</summary>
    public bool HasTemporalMetrics => AnyDefined(E, RC);

    /// <summary>True when the vector sets any of CR … MA to something other than Not Defined.</summary>
    public bool HasEnvironmentalMetrics => AnyDefined(CR, MA);

    public CvssAttackVector AttackVector => Letter(AV) switch
    {
        'N' => CvssAttackVector.Network,
        'A' => CvssAttackVector.Adjacent,
        'L' => CvssAttackVector.Local,
        _ => CvssAttackVector.Physical,
    };

    public CvssAttackComplexity AttackComplexity => Letter(AC) == 'L' ? CvssAttackComplexity.Low : CvssAttackComplexity.High;

    public CvssPrivilegesRequired PrivilegesRequired => Privileges(Letter(PR));

    public CvssUserInteraction UserInteraction => Letter(UI) == 'N' ? CvssUserInteraction.None : CvssUserInteraction.Required;

    public CvssScope Scope => Letter(S) == 'U' ? CvssScope.Unchanged : CvssScope.Changed;

    public CvssImpact Confidentiality => Impact(Letter(C));

    public CvssImpact Integrity => Impact(Letter(I));

    public CvssImpact Availability => Impact(Letter(A));

    public CvssExploitCodeMaturity ExploitCodeMaturity => Letter(E) switch
    {
        'U' => CvssExploitCodeMaturity.Unproven,
        'P' => CvssExploitCodeMaturity.ProofOfConcept,
        'F' => CvssExploitCodeMaturity.Functional,
        'H' => CvssExploitCodeMaturity.High,
        _ => CvssExploitCodeMaturity.NotDefined,
    };

    private protected override string Prefix => Version == CvssVersion.V3_0 ? "CVSS:3.0/" : "CVSS:3.1/";

    /// <exception cref="CvssFormatException">Not a valid v3.0/v3.1 vector; the message names the metric.</exception>
    public static new CvssV3Vector Parse(string vector) =>
        TryParse(vector, out var result, out var error) ? result : throw error;

    public static bool TryParse(
        string? vector,
        [NotNullWhen(true)] out CvssV3Vector? result,
        [NotNullWhen(false)] out CvssFormatException? error)
    {
        result = null;
        CvssVersion version;
        CvssMetricSet set;
        if (vector is not null && vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal))
        {
            (version, set) = (CvssVersion.V3_1, Set31);
        }
        else if (vector is not null && vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal))
        {
            (version, set) = (CvssVersion.V3_0, Set30);
        }
        else
        {
            error = string.IsNullOrEmpty(vector)
                ? new CvssFormatException("CVSS vector is empty.", metric: null)
                : new CvssFormatException(
                    $"CVSS v3 vector must start with CVSS:3.0/ or CVSS:3.1/; it starts with '{Truncate(vector)}'.", metric: null);
            return false;
        }

        if (!set.TryParse(vector.AsSpan(9), out var values, out var mask, out error))
        {
            return false;
        }

        result = new CvssV3Vector(version, set, values, mask);
        return true;
    }

    /// <summary>
    /// The properties of FIRST's CVSS v3.0/v3.1 JSON schema that this vector determines: <c>version</c>, one property
    /// per metric the vector writes (metrics it leaves out are absent; ones written as <c>X</c> are
    /// <c>NOT_DEFINED</c>), and every score and severity (<c>baseScore</c>, <c>temporalScore</c>,
    /// <c>environmentalScore</c> and their severities) — temporal and environmental ones computed with Not Defined
    /// for the metrics left out. Scores are <see cref="double"/>, every other value a <see cref="string"/>.
    /// <c>vectorString</c> is not included: it is the input, compare it as text if needed.
    /// </summary>
    public IReadOnlyDictionary<string, object> ToJsonProperties()
    {
        var properties = new Dictionary<string, object>(32, StringComparer.Ordinal)
        {
            ["version"] = Version == CvssVersion.V3_0 ? "3.0" : "3.1",
        };
        MetricSet.AddJsonProperties(properties, Values, ExplicitMask);
        properties["baseScore"] = BaseScore;
        properties["baseSeverity"] = JsonSeverity(BaseSeverity);
        properties["temporalScore"] = TemporalScore;
        properties["temporalSeverity"] = JsonSeverity(TemporalSeverity);
        properties["environmentalScore"] = EnvironmentalScore;
        properties["environmentalSeverity"] = JsonSeverity(EnvironmentalSeverity);
        return properties;
    }

    private protected override string Headline()
    {
        var version = Version == CvssVersion.V3_0 ? "3.0" : "3.1";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"CVSS {version} base score {BaseScore:0.0} ({BaseSeverity}).");
        if (HasTemporalMetrics || HasEnvironmentalMetrics)
        {
            text += string.Create(
                CultureInfo.InvariantCulture,
                $" Temporal score {TemporalScore:0.0}, environmental score {EnvironmentalScore:0.0} ({EnvironmentalSeverity}).");
        }

        return text;
    }

    private static string Truncate(string text) => text.Length > 12 ? text[..12] + "…" : text;

    private static CvssPrivilegesRequired Privileges(char code) => code switch
    {
        'N' => CvssPrivilegesRequired.None,
        'L' => CvssPrivilegesRequired.Low,
        _ => CvssPrivilegesRequired.High,
    };

    private static CvssImpact Impact(char code) => code switch
    {
        'H' => CvssImpact.High,
        'L' => CvssImpact.Low,
        _ => CvssImpact.None,
    };

    /// <summary>The modified metric's code, or the base metric's where the modified one is Not Defined.</summary>
    private char Effective(int modified, int baseMetric)
    {
        var code = Letter(modified);
        return code == 'X' ? Letter(baseMetric) : code;
    }

    private double EffectiveWeight(int modified, int baseMetric) =>
        Letter(modified) == 'X' ? Weight(baseMetric) : Weight(modified);

    /// <summary>Privileges Required weighs more when the scope changes (L 0.68, H 0.5 instead of 0.62, 0.27).</summary>
    private static double PrivilegesWeight(char code, bool scopeChanged) => code switch
    {
        'N' => 0.85,
        'L' => scopeChanged ? 0.68 : 0.62,
        _ => scopeChanged ? 0.5 : 0.27,
    };

    // ---- CVSS v3.1: floating point, Roundup per Appendix A ----

    private void ScoreV31()
    {
        var changed = Letter(S) == 'C';
        var iss = 1 - ((1 - Weight(C)) * (1 - Weight(I)) * (1 - Weight(A)));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * Weight(AV) * Weight(AC) * PrivilegesWeight(Letter(PR), changed) * Weight(UI);
        BaseScore = impact <= 0
            ? 0
            : changed
                ? Roundup31(Math.Min(1.08 * (impact + exploitability), 10))
                : Roundup31(Math.Min(impact + exploitability, 10));
        ImpactSubScore = Math.Round(Math.Max(impact, 0), 1, MidpointRounding.AwayFromZero);
        ExploitabilitySubScore = Math.Round(exploitability, 1, MidpointRounding.AwayFromZero);

        var temporalFactor = Weight(E) * Weight(RL) * Weight(RC);
        TemporalScore = Roundup31(BaseScore * temporalFactor);

        var modifiedChanged = Effective(MS, S) == 'C';
        var miss = Math.Min(
            1 - ((1 - (EffectiveWeight(MC, C) * Weight(CR)))
                * (1 - (EffectiveWeight(MI, I) * Weight(IR)))
                * (1 - (EffectiveWeight(MA, A) * Weight(AR)))),
            0.915);
        var modifiedImpact = modifiedChanged
            ? (7.52 * (miss - 0.029)) - (3.25 * Math.Pow((miss * 0.9731) - 0.02, 13))
            : 6.42 * miss;
        var modifiedExploitability = 8.22 * EffectiveWeight(MAV, AV) * EffectiveWeight(MAC, AC)
            * PrivilegesWeight(Effective(MPR, PR), modifiedChanged) * EffectiveWeight(MUI, UI);
        if (modifiedImpact <= 0)
        {
            EnvironmentalScore = 0;
        }
        else
        {
            var modified = modifiedChanged
                ? Roundup31(Math.Min(1.08 * (modifiedImpact + modifiedExploitability), 10))
                : Roundup31(Math.Min(modifiedImpact + modifiedExploitability, 10));
            EnvironmentalScore = Roundup31(modified * temporalFactor);
        }
    }

    /// <summary>
    /// CVSS v3.1 Appendix A: work in integers of 1/100000 so that values like 4.000000000000001 (floating-point
    /// noise) do not round up to 4.1.
    /// </summary>
    internal static double Roundup31(double value)
    {
        var scaled = (long)Math.Round(value * 100000, MidpointRounding.AwayFromZero);
        return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.Floor(scaled / 10000.0) + 1) / 10.0;
    }

    // ---- CVSS v3.0: exact decimal arithmetic, Roundup = ceiling at one decimal ----

    private void ScoreV30()
    {
        var changed = Letter(S) == 'C';
        var iss = 1 - ((1 - Dec(Weight(C))) * (1 - Dec(Weight(I))) * (1 - Dec(Weight(A))));
        var impact = changed ? (7.52m * (iss - 0.029m)) - (3.25m * Power(iss - 0.02m, 15)) : 6.42m * iss;
        var exploitability = 8.22m * Dec(Weight(AV)) * Dec(Weight(AC))
            * Dec(PrivilegesWeight(Letter(PR), changed)) * Dec(Weight(UI));
        var baseScore = impact <= 0
            ? 0m
            : changed
                ? Roundup30(Math.Min(1.08m * (impact + exploitability), 10m))
                : Roundup30(Math.Min(impact + exploitability, 10m));
        BaseScore = (double)baseScore;
        ImpactSubScore = (double)Math.Round(Math.Max(impact, 0m), 1, MidpointRounding.AwayFromZero);
        ExploitabilitySubScore = (double)Math.Round(exploitability, 1, MidpointRounding.AwayFromZero);

        var temporalFactor = Dec(Weight(E)) * Dec(Weight(RL)) * Dec(Weight(RC));
        TemporalScore = (double)Roundup30(baseScore * temporalFactor);

        var modifiedChanged = Effective(MS, S) == 'C';
        var miss = Math.Min(
            1 - ((1 - (Dec(EffectiveWeight(MC, C)) * Dec(Weight(CR))))
                * (1 - (Dec(EffectiveWeight(MI, I)) * Dec(Weight(IR))))
                * (1 - (Dec(EffectiveWeight(MA, A)) * Dec(Weight(AR))))),
            0.915m);
        var modifiedImpact = modifiedChanged
            ? (7.52m * (miss - 0.029m)) - (3.25m * Power(miss - 0.02m, 15))
            : 6.42m * miss;
        var modifiedExploitability = 8.22m * Dec(EffectiveWeight(MAV, AV)) * Dec(EffectiveWeight(MAC, AC))
            * Dec(PrivilegesWeight(Effective(MPR, PR), modifiedChanged)) * Dec(EffectiveWeight(MUI, UI));
        if (modifiedImpact <= 0)
        {
            EnvironmentalScore = 0;
        }
        else
        {
            var modified = modifiedChanged
                ? Roundup30(Math.Min(1.08m * (modifiedImpact + modifiedExploitability), 10m))
                : Roundup30(Math.Min(modifiedImpact + modifiedExploitability, 10m));
            EnvironmentalScore = (double)Roundup30(modified * temporalFactor);
        }
    }

    /// <summary>CVSS v3.0 Roundup: the smallest number with one decimal that is equal to or higher than the input.</summary>
    private static decimal Roundup30(decimal value) => Math.Ceiling(value * 10m) / 10m;

    /// <summary>The weights are short decimal literals; this conversion keeps them exact (15 significant digits).</summary>
    private static decimal Dec(double weight) => (decimal)weight;

    private static decimal Power(decimal value, int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= value;
        }

        return result;
    }

    private static CvssValueDefinition V(string code, string name, double weight, string json, string? explanation) =>
        new(code, name, weight, json, explanation);

    private static CvssValueDefinition NotDefined() => new("X", "Not Defined", 1, "NOT_DEFINED", null);

    private static CvssMetricDefinition[] BuildDefinitions()
    {
        CvssValueDefinition[] Cia(string what) =>
        [
            V("H", "High", 0.56, "HIGH", $"{what} impact High: total loss, or serious loss that matters."),
            V("L", "Low", 0.22, "LOW", $"{what} impact Low: some loss, limited in extent or control."),
            V("N", "None", 0, "NONE", $"{what} impact None: not affected."),
        ];
        CvssValueDefinition[] ModifiedCia(string what) => [NotDefined(), .. Cia($"Modified {what.ToLowerInvariant()}")];
        CvssValueDefinition[] Requirement(string what) =>
        [
            NotDefined(),
            V("H", "High", 1.5, "HIGH", $"{what} requirement High: losing it would be catastrophic here."),
            V("M", "Medium", 1, "MEDIUM", $"{what} requirement Medium: losing it would be serious here."),
            V("L", "Low", 0.5, "LOW", $"{what} requirement Low: losing it would have limited effect here."),
        ];
        CvssValueDefinition[] AttackVectors(string label) =>
        [
            V("N", "Network", 0.85, "NETWORK", $"{label} Network: exploitable remotely across routed networks."),
            V("A", "Adjacent", 0.62, "ADJACENT_NETWORK", $"{label} Adjacent: the attacker must share a local network segment (same LAN, VLAN or radio) with the target."),
            V("L", "Local", 0.55, "LOCAL", $"{label} Local: the attacker needs local access (a shell, a console session or a user opening a file)."),
            V("P", "Physical", 0.2, "PHYSICAL", $"{label} Physical: the attacker must touch or handle the device."),
        ];
        CvssValueDefinition[] Complexities(string label) =>
        [
            V("L", "Low", 0.77, "LOW", $"{label} Low: no special conditions; the attack works repeatably."),
            V("H", "High", 0.44, "HIGH", $"{label} High: success depends on conditions outside the attacker's control."),
        ];
        CvssValueDefinition[] Privileges(string label) =>
        [
            V("N", "None", 0.85, "NONE", $"{label} None: no account or authentication is needed."),
            V("L", "Low", 0.62, "LOW", $"{label} Low: an ordinary user account is needed."),
            V("H", "High", 0.27, "HIGH", $"{label} High: administrative privileges are needed."),
        ];
        CvssValueDefinition[] Interactions(string label) =>
        [
            V("N", "None", 0.85, "NONE", $"{label} None: no user has to do anything."),
            V("R", "Required", 0.62, "REQUIRED", $"{label} Required: a user must take some action, such as opening a file or a link."),
        ];
        CvssValueDefinition[] Scopes(string label) =>
        [
            V("U", "Unchanged", 0, "UNCHANGED", $"{label} Unchanged: the impact stays within the vulnerable component's security authority."),
            V("C", "Changed", 0, "CHANGED", $"{label} Changed: the attack reaches components beyond the vulnerable one."),
        ];

        return
        [
            new("AV", "Attack Vector", "attackVector", true, AttackVectors("Attack vector")),
            new("AC", "Attack Complexity", "attackComplexity", true, Complexities("Attack complexity")),
            new("PR", "Privileges Required", "privilegesRequired", true, Privileges("Privileges required")),
            new("UI", "User Interaction", "userInteraction", true, Interactions("User interaction")),
            new("S", "Scope", "scope", true, Scopes("Scope")),
            new("C", "Confidentiality", "confidentialityImpact", true, Cia("Confidentiality")),
            new("I", "Integrity", "integrityImpact", true, Cia("Integrity")),
            new("A", "Availability", "availabilityImpact", true, Cia("Availability")),
            new("E", "Exploit Code Maturity", "exploitCodeMaturity", false,
                NotDefined(),
                V("H", "High", 1, "HIGH", "Exploit code maturity High: working exploits are widely available or no exploit is needed."),
                V("F", "Functional", 0.97, "FUNCTIONAL", "Exploit code maturity Functional: working exploit code exists."),
                V("P", "Proof-of-Concept", 0.94, "PROOF_OF_CONCEPT", "Exploit code maturity Proof-of-Concept: demonstration code exists but is not practical in most systems."),
                V("U", "Unproven", 0.91, "UNPROVEN", "Exploit code maturity Unproven: no exploit code is known.")),
            new("RL", "Remediation Level", "remediationLevel", false,
                NotDefined(),
                V("U", "Unavailable", 1, "UNAVAILABLE", "Remediation level Unavailable: there is no fix or workaround."),
                V("W", "Workaround", 0.97, "WORKAROUND", "Remediation level Workaround: an unofficial workaround exists."),
                V("T", "Temporary Fix", 0.96, "TEMPORARY_FIX", "Remediation level Temporary Fix: the vendor offers an interim fix."),
                V("O", "Official Fix", 0.95, "OFFICIAL_FIX", "Remediation level Official Fix: the vendor has released a fix.")),
            new("RC", "Report Confidence", "reportConfidence", false,
                NotDefined(),
                V("C", "Confirmed", 1, "CONFIRMED", "Report confidence Confirmed: the vulnerability is acknowledged or reproduced."),
                V("R", "Reasonable", 0.96, "REASONABLE", "Report confidence Reasonable: significant details are published but the cause is not fully confirmed."),
                V("U", "Unknown", 0.92, "UNKNOWN", "Report confidence Unknown: reports disagree about the cause or effect.")),
            new("CR", "Confidentiality Requirement", "confidentialityRequirement", false, Requirement("Confidentiality")),
            new("IR", "Integrity Requirement", "integrityRequirement", false, Requirement("Integrity")),
            new("AR", "Availability Requirement", "availabilityRequirement", false, Requirement("Availability")),
            new("MAV", "Modified Attack Vector", "modifiedAttackVector", false, [NotDefined(), .. AttackVectors("Modified attack vector")]),
            new("MAC", "Modified Attack Complexity", "modifiedAttackComplexity", false, [NotDefined(), .. Complexities("Modified attack complexity")]),
            new("MPR", "Modified Privileges Required", "modifiedPrivilegesRequired", false, [NotDefined(), .. Privileges("Modified privileges required")]),
            new("MUI", "Modified User Interaction", "modifiedUserInteraction", false, [NotDefined(), .. Interactions("Modified user interaction")]),
            new("MS", "Modified Scope", "modifiedScope", false, [NotDefined(), .. Scopes("Modified scope")]),
            new("MC", "Modified Confidentiality", "modifiedConfidentialityImpact", false, ModifiedCia("Confidentiality")),
            new("MI", "Modified Integrity", "modifiedIntegrityImpact", false, ModifiedCia("Integrity")),
            new("MA", "Modified Availability", "modifiedAvailabilityImpact", false, ModifiedCia("Availability")),
        ];
    }
}
