using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Seam.Intelligence.Cvss;

/// <summary>
/// A CVSS v4.0 vector scored by the specification's MacroVector method, step for step as FIRST's reference
/// calculator (<c>cvss_score.js</c>) does it, including its floating-point order of operations and its final
/// "add 10⁻⁶, round half up" so that results match the published scores exactly. The single
/// <see cref="CvssVector.Score"/> accounts for whatever threat and environmental metrics the vector carries;
/// <see cref="Nomenclature"/> says which (CVSS-B, -BT, -BE, -BTE). Supplemental metrics never change the score.
/// </summary>
public sealed class CvssV4Vector : CvssVector
{
    internal const string VersionPrefix = "CVSS:4.0/";

    private const int AV = 0, AC = 1, AT = 2, PR = 3, UI = 4, VC = 5, VI = 6, VA = 7, SC = 8, SI = 9, SA = 10, E = 11;
    private const int CR = 12, IR = 13, AR = 14, MAV = 15, MSI = 24, MSA = 25, AU = 27;

    /// <summary>Offset from a base metric (AV … SA) to its modified counterpart (MAV … MSA).</summary>
    private const int ModifiedOffset = MAV - AV;

    private static readonly CvssMetricSet Set = new("CVSS:4.0", BuildDefinitions());

    /// <summary>Severity levels of the reference (0.0, 0.1, 0.2, 0.3): the same doubles as its literals.</summary>
    private static readonly double[] Levels = [0.0, 0.1, 0.2, 0.3];

    private CvssV4Vector(byte[] values, uint explicitMask)
        : base(Set, values, explicitMask)
    {
        var eq1 = EffectiveAv() == 'N' && Effective(PR) == 'N' && Effective(UI) == 'N'
            ? 0
            : (EffectiveAv() == 'N' || Effective(PR) == 'N' || Effective(UI) == 'N') && EffectiveAv() != 'P' ? 1 : 2;
        var eq2 = Effective(AC) == 'L' && Effective(AT) == 'N' ? 0 : 1;
        var eq3 = Effective(VC) == 'H' && Effective(VI) == 'H'
            ? 0
            : Effective(VC) == 'H' || Effective(VI) == 'H' || Effective(VA) == 'H' ? 1 : 2;
        var eq4 = Letter(MSI) == 'S' || Letter(MSA) == 'S'
            ? 0
            : Effective(SC) == 'H' || Effective(SI) == 'H' || Effective(SA) == 'H' ? 1 : 2;
        var eq5 = EffectiveE() switch
        {
            'A' => 0,
            'P' => 1,
            _ => 2,
        };
        var eq6 = (EffectiveRequirement(CR) == 'H' && Effective(VC) == 'H')
            || (EffectiveRequirement(IR) == 'H' && Effective(VI) == 'H')
            || (EffectiveRequirement(AR) == 'H' && Effective(VA) == 'H')
            ? 0
            : 1;
        MacroVector = string.Create(6, (eq1, eq2, eq3, eq4, eq5, eq6), static (span, eqs) =>
        {
            span[0] = (char)('0' + eqs.eq1);
            span[1] = (char)('0' + eqs.eq2);
            span[2] = (char)('0' + eqs.eq3);
            span[3] = (char)('0' + eqs.eq4);
            span[4] = (char)('0' + eqs.eq5);
            span[5] = (char)('0' + eqs.eq6);
        });
        Score = Compute(eq1, eq2, eq3, eq4, eq5, eq6);
    }

    public override CvssVersion Version => CvssVersion.V4_0;

    public override double Score { get; }

    public override CvssSeverity Severity => SeverityOf(Score);

    /// <summary>The six EQ digits, e.g. <c>000200</c>, that select the MacroVector.</summary>
    public string MacroVector { get; }

    /// <summary>
    /// CVSS-B (base metrics only), CVSS-BT (with threat), CVSS-BE (with environmental), CVSS-BTE (both): which
    /// metric groups the score reflects. Metrics written as X do not count.
    /// </summary>
    public string Nomenclature => (HasThreatMetrics, HasEnvironmentalMetrics) switch
    {
        (false, false) => "CVSS-B",
        (true, false) => "CVSS-BT",
        (false, true) => "CVSS-BE",
        _ => "CVSS-BTE",
    };

    /// <summary>True when Exploit Maturity is set to something other than X.</summary>
    public bool HasThreatMetrics => AnyDefined(E, E);

    /// <summary>True when any of CR … MSA is set to something other than X.</summary>
    public bool HasEnvironmentalMetrics => AnyDefined(CR, MSA);

    public CvssAttackVector AttackVector => Letter(AV) switch
    {
        'N' => CvssAttackVector.Network,
        'A' => CvssAttackVector.Adjacent,
        'L' => CvssAttackVector.Local,
        _ => CvssAttackVector.Physical,
    };

    public CvssAttackComplexity AttackComplexity => Letter(AC) == 'L' ? CvssAttackComplexity.Low : CvssAttackComplexity.High;

    public CvssAttackRequirements AttackRequirements => Letter(AT) == 'N' ? CvssAttackRequirements.None : CvssAttackRequirements.Present;

    public CvssPrivilegesRequired PrivilegesRequired => Letter(PR) switch
    {
        'N' => CvssPrivilegesRequired.None,
        'L' => CvssPrivilegesRequired.Low,
        _ => CvssPrivilegesRequired.High,
    };

    public CvssUserInteraction UserInteraction => Letter(UI) switch
    {
        'N' => CvssUserInteraction.None,
        'P' => CvssUserInteraction.Passive,
        _ => CvssUserInteraction.Active,
    };

    /// <summary>VC: confidentiality impact on the vulnerable system.</summary>
    public CvssImpact VulnerableConfidentiality => Impact(VC);

    /// <summary>VI: integrity impact on the vulnerable system.</summary>
    public CvssImpact VulnerableIntegrity => Impact(VI);

    /// <summary>VA: availability impact on the vulnerable system.</summary>
    public CvssImpact VulnerableAvailability => Impact(VA);

    /// <summary>SC: confidentiality impact on subsequent systems.</summary>
    public CvssImpact SubsequentConfidentiality => Impact(SC);

    /// <summary>SI: integrity impact on subsequent systems.</summary>
    public CvssImpact SubsequentIntegrity => Impact(SI);

    /// <summary>SA: availability impact on subsequent systems.</summary>
    public CvssImpact SubsequentAvailability => Impact(SA);

    /// <summary>E as written; <see cref="CvssExploitMaturity.NotDefined"/> scores as Attacked (worst case).</summary>
    public CvssExploitMaturity ExploitMaturity => Letter(E) switch
    {
        'A' => CvssExploitMaturity.Attacked,
        'P' => CvssExploitMaturity.ProofOfConcept,
        'U' => CvssExploitMaturity.Unreported,
        _ => CvssExploitMaturity.NotDefined,
    };

    /// <summary>The supplemental Automatable metric (AU): true for Yes, false for No, null when not defined.</summary>
    public bool? Automatable => Letter(AU) switch
    {
        'Y' => true,
        'N' => false,
        _ => null,
    };

    private protected override string Prefix => VersionPrefix;

    /// <exception cref="CvssFormatException">Not a valid v4.0 vector; the message names the metric.</exception>
    public static new CvssV4Vector Parse(string vector) =>
        TryParse(vector, out var result, out var error) ? result : throw error;

    public static bool TryParse(
        string? vector,
        [NotNullWhen(true)] out CvssV4Vector? result,
        [NotNullWhen(false)] out CvssFormatException? error)
    {
        result = null;
        if (string.IsNullOrEmpty(vector))
        {
            error = new CvssFormatException("CVSS vector is empty.", metric: null);
            return false;
        }

        if (!vector.StartsWith(VersionPrefix, StringComparison.Ordinal))
        {
            error = new CvssFormatException(
                $"CVSS v4.0 vector must start with {VersionPrefix}; it starts with '{(vector.Length > 12 ? vector[..12] + "…" : vector)}'.",
                metric: null);
            return false;
        }

        if (!Set.TryParse(vector.AsSpan(VersionPrefix.Length), out var values, out var mask, out error))
        {
            return false;
        }

        result = new CvssV4Vector(values, mask);
        return true;
    }

    private protected override string Headline() =>
        string.Create(CultureInfo.InvariantCulture, $"CVSS 4.0 score {Score:0.0} ({Severity}, {Nomenclature}).");

    private CvssImpact Impact(int metric) => Letter(metric) switch
    {
        'H' => CvssImpact.High,
        'L' => CvssImpact.Low,
        _ => CvssImpact.None,
    };

    /// <summary>The reference's m(): the modified metric where it is set, else the base metric.</summary>
    private char Effective(int baseMetric)
    {
        var modified = Letter(baseMetric + ModifiedOffset);
        return modified == 'X' ? Letter(baseMetric) : modified;
    }

    private char EffectiveAv() => Effective(AV);

    /// <summary>E:X scores as the worst case, Attacked.</summary>
    private char EffectiveE() => Letter(E) == 'X' ? 'A' : Letter(E);

    /// <summary>CR/IR/AR:X score as the worst case, High.</summary>
    private char EffectiveRequirement(int metric) => Letter(metric) == 'X' ? 'H' : Letter(metric);

    private double Compute(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6)
    {
        // No impact at all on either system: the reference returns 0 before anything else.
        if (Effective(VC) == 'N' && Effective(VI) == 'N' && Effective(VA) == 'N'
            && Effective(SC) == 'N' && Effective(SI) == 'N' && Effective(SA) == 'N')
        {
            return 0.0;
        }

        var value = CvssV4Tables.Lookup(eq1, eq2, eq3, eq4, eq5, eq6);

        // Score of the next lower MacroVector along each equation (NaN where there is none).
        var lowerEq1 = CvssV4Tables.Lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
        var lowerEq2 = CvssV4Tables.Lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
        double lowerEq3Eq6;
        if (eq3 == 0 && eq6 == 0)
        {
            var left = CvssV4Tables.Lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
            var right = CvssV4Tables.Lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
            lowerEq3Eq6 = left > right ? left : right;
        }
        else
        {
            lowerEq3Eq6 = (eq3, eq6) switch
            {
                (1, 1) or (0, 1) => CvssV4Tables.Lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6),
                (1, 0) => CvssV4Tables.Lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1),
                _ => CvssV4Tables.Lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1),
            };
        }

        var lowerEq4 = CvssV4Tables.Lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
        var lowerEq5 = CvssV4Tables.Lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

        // Severity distance from the first highest-severity vector of this MacroVector that the vector does not
        // exceed; if none qualifies the reference keeps the distances of the last one tried, and so do we.
        var current = new Distances(
            AvLevel(EffectiveAv()), PrLevel(Effective(PR)), UiLevel(Effective(UI)),
            AcLevel(Effective(AC)), AtLevel(Effective(AT)),
            VLevel(Effective(VC)), VLevel(Effective(VI)), VLevel(Effective(VA)),
            ScLevel(Effective(SC)), SiLevel(Effective(SI)), SiLevel(Effective(SA)),
            ReqLevel(EffectiveRequirement(CR)), ReqLevel(EffectiveRequirement(IR)), ReqLevel(EffectiveRequirement(AR)));
        var distances = default(Distances);
        var found = false;
        foreach (var m1 in CvssV4Tables.Eq1Maxes[eq1])
        {
            foreach (var m2 in CvssV4Tables.Eq2Maxes[eq2])
            {
                foreach (var m36 in CvssV4Tables.Eq3Eq6Maxes[eq3][eq6])
                {
                    foreach (var m4 in CvssV4Tables.Eq4Maxes[eq4])
                    {
                        var max = new Distances(
                            AvLevel(m1[0]), PrLevel(m1[1]), UiLevel(m1[2]),
                            AcLevel(m2[0]), AtLevel(m2[1]),
                            VLevel(m36[0]), VLevel(m36[1]), VLevel(m36[2]),
                            ScLevel(m4[0]), SiLevel(m4[1]), SiLevel(m4[2]),
                            ReqLevel(m36[3]), ReqLevel(m36[4]), ReqLevel(m36[5]));
                        distances = current.Minus(max);
                        if (!distances.AnyNegative)
                        {
                            found = true;
                            break;
                        }
                    }

                    if (found)
                    {
                        break;
                    }
                }

                if (found)
                {
                    break;
                }
            }

            if (found)
            {
                break;
            }
        }

        var distanceEq1 = distances.AV + distances.PR + distances.UI;
        var distanceEq2 = distances.AC + distances.AT;
        var distanceEq3Eq6 = distances.VC + distances.VI + distances.VA + distances.CR + distances.IR + distances.AR;
        var distanceEq4 = distances.SC + distances.SI + distances.SA;

        const double step = 0.1;
        var maxSeverityEq1 = CvssV4Tables.Eq1Depth[eq1] * step;
        var maxSeverityEq2 = CvssV4Tables.Eq2Depth[eq2] * step;
        var maxSeverityEq3Eq6 = CvssV4Tables.Eq3Eq6Depth[eq3][eq6] * step;
        var maxSeverityEq4 = CvssV4Tables.Eq4Depth[eq4] * step;

        var existingLower = 0;
        double normalizedEq1 = 0, normalizedEq2 = 0, normalizedEq3Eq6 = 0, normalizedEq4 = 0, normalizedEq5 = 0;
        var availableEq1 = value - lowerEq1;
        var availableEq2 = value - lowerEq2;
        var availableEq3Eq6 = value - lowerEq3Eq6;
        var availableEq4 = value - lowerEq4;
        var availableEq5 = value - lowerEq5;
        if (!double.IsNaN(availableEq1))
        {
            existingLower++;
            normalizedEq1 = availableEq1 * (distanceEq1 / maxSeverityEq1);
        }

        if (!double.IsNaN(availableEq2))
        {
            existingLower++;
            normalizedEq2 = availableEq2 * (distanceEq2 / maxSeverityEq2);
        }

        if (!double.IsNaN(availableEq3Eq6))
        {
            existingLower++;
            normalizedEq3Eq6 = availableEq3Eq6 * (distanceEq3Eq6 / maxSeverityEq3Eq6);
        }

        if (!double.IsNaN(availableEq4))
        {
            existingLower++;
            normalizedEq4 = availableEq4 * (distanceEq4 / maxSeverityEq4);
        }

        if (!double.IsNaN(availableEq5))
        {
            // EQ5 counts towards the mean but its proportion is always 0.
            existingLower++;
            normalizedEq5 = availableEq5 * 0;
        }

        var meanDistance = existingLower == 0
            ? 0
            : (normalizedEq1 + normalizedEq2 + normalizedEq3Eq6 + normalizedEq4 + normalizedEq5) / existingLower;

        value -= meanDistance;
        value = Math.Clamp(value, 0.0, 10.0);

        // Round half up at one decimal after lifting by 10⁻⁶, as the reference does against values one ULP below
        // an x.x5 tie.
        return Math.Round((value + 1e-6) * 10, MidpointRounding.AwayFromZero) / 10;
    }

    private static int AvLevel(char code) => code switch { 'N' => 0, 'A' => 1, 'L' => 2, _ => 3 };

    private static int PrLevel(char code) => code switch { 'N' => 0, 'L' => 1, _ => 2 };

    private static int UiLevel(char code) => code switch { 'N' => 0, 'P' => 1, _ => 2 };

    private static int AcLevel(char code) => code == 'L' ? 0 : 1;

    private static int AtLevel(char code) => code == 'N' ? 0 : 1;

    private static int VLevel(char code) => code switch { 'H' => 0, 'L' => 1, _ => 2 };

    private static int ScLevel(char code) => code switch { 'H' => 1, 'L' => 2, _ => 3 };

    private static int SiLevel(char code) => code switch { 'S' => 0, 'H' => 1, 'L' => 2, _ => 3 };

    private static int ReqLevel(char code) => code switch { 'H' => 0, 'M' => 1, _ => 2 };

    /// <summary>Per-metric severity levels, or their differences, in the reference's floating-point values.</summary>
    private readonly record struct Distances(
        double AV, double PR, double UI, double AC, double AT, double VC, double VI, double VA,
        double SC, double SI, double SA, double CR, double IR, double AR)
    {
        public Distances(int av, int pr, int ui, int ac, int at, int vc, int vi, int va, int sc, int si, int sa, int cr, int ir, int ar)
            : this(
                Levels[av], Levels[pr], Levels[ui], Levels[ac], Levels[at], Levels[vc], Levels[vi], Levels[va],
                Levels[sc], Levels[si], Levels[sa], Levels[cr], Levels[ir], Levels[ar])
        {
        }

        public bool AnyNegative =>
            AV < 0 || PR < 0 || UI < 0 || AC < 0 || AT < 0 || VC < 0 || VI < 0 || VA < 0
            || SC < 0 || SI < 0 || SA < 0 || CR < 0 || IR < 0 || AR < 0;

        public Distances Minus(Distances max) => new(
            AV - max.AV, PR - max.PR, UI - max.UI, AC - max.AC, AT - max.AT, VC - max.VC, VI - max.VI, VA - max.VA,
            SC - max.SC, SI - max.SI, SA - max.SA, CR - max.CR, IR - max.IR, AR - max.AR);
    }

    private static CvssValueDefinition V(string code, string name, string? explanation) => new(code, name, 0, null, explanation);

    private static CvssValueDefinition NotDefined() => new("X", "Not Defined", 0, null, null);

    private static CvssMetricDefinition[] BuildDefinitions()
    {
        CvssValueDefinition[] Impacts(string what, string system, bool safety) =>
        [
            .. safety ? [V("S", "Safety", $"{what} impact on {system} Safety: people could be hurt (IEC 61508 consequence).")] : Array.Empty<CvssValueDefinition>(),
            V("H", "High", $"{what} impact on {system} High: total or serious loss."),
            V("L", "Low", $"{what} impact on {system} Low: some loss, limited in extent or control."),
            V("N", "None", $"{what} impact on {system} None: not affected."),
        ];
        CvssValueDefinition[] Modified(CvssValueDefinition[] values) =>
            [NotDefined(), .. values.Select(v => v with { Explanation = v.Explanation is null ? null : "Modified " + char.ToLowerInvariant(v.Explanation[0]) + v.Explanation[1..] })];
        CvssValueDefinition[] Requirement(string what) =>
        [
            NotDefined(),
            V("H", "High", $"{what} requirement High: losing it would be catastrophic here."),
            V("M", "Medium", $"{what} requirement Medium: losing it would be serious here."),
            V("L", "Low", $"{what} requirement Low: losing it would have limited effect here."),
        ];

        CvssValueDefinition[] av =
        [
            V("N", "Network", "Attack vector Network: exploitable remotely across routed networks."),
            V("A", "Adjacent", "Attack vector Adjacent: the attacker must share a local network segment (same LAN, VLAN or radio) with the target."),
            V("L", "Local", "Attack vector Local: the attacker needs local access (a shell, a console session or a user opening a file)."),
            V("P", "Physical", "Attack vector Physical: the attacker must touch or handle the device."),
        ];
        CvssValueDefinition[] ac =
        [
            V("L", "Low", "Attack complexity Low: no security measure has to be evaded."),
            V("H", "High", "Attack complexity High: the attacker must evade or defeat a security measure (such as ASLR) first."),
        ];
        CvssValueDefinition[] at =
        [
            V("N", "None", "Attack requirements None: works without special deployment conditions."),
            V("P", "Present", "Attack requirements Present: works only under particular deployment conditions (a race to win, a man-in-the-middle position)."),
        ];
        CvssValueDefinition[] pr =
        [
            V("N", "None", "Privileges required None: no account or authentication is needed."),
            V("L", "Low", "Privileges required Low: an ordinary user account is needed."),
            V("H", "High", "Privileges required High: administrative privileges are needed."),
        ];
        CvssValueDefinition[] ui =
        [
            V("N", "None", "User interaction None: no user has to do anything."),
            V("P", "Passive", "User interaction Passive: a user must do something ordinary, such as visit a page."),
            V("A", "Active", "User interaction Active: a user must deliberately do something, such as import a file or click through a warning."),
        ];
        const string vulnerable = "the vulnerable system";
        const string subsequent = "subsequent systems";

        return
        [
            new("AV", "Attack Vector", null, true, av),
            new("AC", "Attack Complexity", null, true, ac),
            new("AT", "Attack Requirements", null, true, at),
            new("PR", "Privileges Required", null, true, pr),
            new("UI", "User Interaction", null, true, ui),
            new("VC", "Vulnerable System Confidentiality Impact", null, true, Impacts("Confidentiality", vulnerable, false)),
            new("VI", "Vulnerable System Integrity Impact", null, true, Impacts("Integrity", vulnerable, false)),
            new("VA", "Vulnerable System Availability Impact", null, true, Impacts("Availability", vulnerable, false)),
            new("SC", "Subsequent System Confidentiality Impact", null, true, Impacts("Confidentiality", subsequent, false)),
            new("SI", "Subsequent System Integrity Impact", null, true, Impacts("Integrity", subsequent, false)),
            new("SA", "Subsequent System Availability Impact", null, true, Impacts("Availability", subsequent, false)),
            new("E", "Exploit Maturity", null, false,
                NotDefined(),
                V("A", "Attacked", "Exploit maturity Attacked: attacks have been reported or exploit tools are readily available."),
                V("P", "POC", "Exploit maturity Proof-of-Concept: exploit code is public but no attacks are known."),
                V("U", "Unreported", "Exploit maturity Unreported: neither exploit code nor attacks are known.")),
            new("CR", "Confidentiality Requirement", null, false, Requirement("Confidentiality")),
            new("IR", "Integrity Requirement", null, false, Requirement("Integrity")),
            new("AR", "Availability Requirement", null, false, Requirement("Availability")),
            new("MAV", "Modified Attack Vector", null, false, Modified(av)),
            new("MAC", "Modified Attack Complexity", null, false, Modified(ac)),
            new("MAT", "Modified Attack Requirements", null, false, Modified(at)),
            new("MPR", "Modified Privileges Required", null, false, Modified(pr)),
            new("MUI", "Modified User Interaction", null, false, Modified(ui)),
            new("MVC", "Modified Vulnerable System Confidentiality", null, false, Modified(Impacts("Confidentiality", vulnerable, false))),
            new("MVI", "Modified Vulnerable System Integrity", null, false, Modified(Impacts("Integrity", vulnerable, false))),
            new("MVA", "Modified Vulnerable System Availability", null, false, Modified(Impacts("Availability", vulnerable, false))),
            new("MSC", "Modified Subsequent System Confidentiality", null, false, Modified(Impacts("Confidentiality", subsequent, false))),
            new("MSI", "Modified Subsequent System Integrity", null, false, Modified(Impacts("Integrity", subsequent, true))),
            new("MSA", "Modified Subsequent System Availability", null, false, Modified(Impacts("Availability", subsequent, true))),
            new("S", "Safety", null, false,
                NotDefined(),
                V("N", "Negligible", "Safety Negligible: exploitation has at most negligible safety consequences."),
                V("P", "Present", "Safety Present: exploitation can have safety consequences for people.")),
            new("AU", "Automatable", null, false,
                NotDefined(),
                V("N", "No", "Automatable No: an attacker cannot automate all steps of the kill chain."),
                V("Y", "Yes", "Automatable Yes: an attacker can automate exploitation across many targets.")),
            new("R", "Recovery", null, false,
                NotDefined(),
                V("A", "Automatic", "Recovery Automatic: the system recovers by itself after an attack."),
                V("U", "User", "Recovery User: a person must step in to restore service."),
                V("I", "Irrecoverable", "Recovery Irrecoverable: the system cannot be recovered.")),
            new("V", "Value Density", null, false,
                NotDefined(),
                V("D", "Diffuse", "Value density Diffuse: each successful attack gains the attacker little."),
                V("C", "Concentrated", "Value density Concentrated: a successful attack gains the attacker a lot.")),
            new("RE", "Vulnerability Response Effort", null, false,
                NotDefined(),
                V("L", "Low", "Response effort Low: little effort is needed to respond."),
                V("M", "Moderate", "Response effort Moderate: responding takes some effort and may disrupt service briefly."),
                V("H", "High", "Response effort High: responding takes significant effort or downtime.")),
            new("U", "Provider Urgency", null, false,
                NotDefined(),
                V("Clear", "Clear", "Provider urgency Clear: the provider sees no particular urgency."),
                V("Green", "Green", "Provider urgency Green: the provider rates urgency as reduced."),
                V("Amber", "Amber", "Provider urgency Amber: the provider rates urgency as moderate."),
                V("Red", "Red", "Provider urgency Red: the provider rates urgency as highest.")),
        ];
    }
}
