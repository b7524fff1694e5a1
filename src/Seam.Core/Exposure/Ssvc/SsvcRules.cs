using System.Globalization;
using System.Text.RegularExpressions;
using Seam.Exposure.Model;
using Seam.Intelligence.Cvss;
using Seam.Inventory;

namespace Seam.Exposure.Ssvc;

/// <summary>A decision point's value and the one sentence of evidence it was derived from.</summary>
public readonly record struct SsvcJudgement<T>(T Value, string Why)
    where T : struct, Enum;

/// <summary>
/// How Seam derives each SSVC decision point from what it knows of a finding and its asset. Each rule is documented
/// on its method and returns the evidence it used; <see cref="SsvcAssessor"/> combines them.
/// </summary>
public static partial class SsvcRules
{
    /// <summary>
    /// EPSS probability (exploitation activity in the next 30 days) from which Seam reads "public poc". CERT/CC's SSVC
    /// guidance on EPSS: it is not evidence of exploitation, so it can only move a vulnerability from none to public poc,
    /// never to active. One in ten is Seam's choice; it is far above the EPSS median (well under 1%).
    /// </summary>
    public const double EpssPublicPocThreshold = 0.10;

    /// <summary>
    /// Exploitation (ssvc:E:1.1.0). <b>active</b> when the vulnerability is in CISA KEV, when the advisory's CSAF
    /// exploit status says it is exploited (in the wild, actively, exploitation reported — negations such as "No known
    /// public exploitation" do not count, see <see cref="CsafExploitStatusText"/>), or when the CVSS vector says so
    /// (v4 E:A Attacked, v3 E:H High). <b>public poc</b> when the exploit status mentions a public exploit, proof of
    /// concept or Metasploit/ExploitDB module, when the vector says v4 E:P, v3 E:F or E:P, v2 E:POC, E:F or E:H (v2's
    /// High does not speak of attacks, so it stays at poc), or when EPSS ≥ <see cref="EpssPublicPocThreshold"/>.
    /// Otherwise <b>none</b>.
    /// </summary>
    public static SsvcJudgement<Exploitation> Exploitation(ExploitEvidence evidence, CvssVector? vector)
    {
        if (evidence.InKev)
        {
            var since = evidence.KevDateAdded is { } added ? $" since {added.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";
            var ransomware = evidence.KnownRansomwareUse ? ", with known ransomware use" : "";
            return new(Ssvc.Exploitation.Active, $"Listed in CISA KEV{since}{ransomware}: exploitation in the wild is confirmed.");
        }

        var csaf = CsafExploitStatusText.Read(evidence.CsafExploitStatus);
        if (csaf.Signal == CsafExploitSignal.Exploited)
        {
            return new(Ssvc.Exploitation.Active, $"The advisory's exploit status reports exploitation: \"{csaf.Clause}\".");
        }

        switch (vector)
        {
            case CvssV4Vector { ExploitMaturity: CvssExploitMaturity.Attacked }:
                return new(Ssvc.Exploitation.Active, "CVSS v4 Exploit Maturity is Attacked (E:A): attacks are reported.");
            case CvssV3Vector { ExploitCodeMaturity: CvssExploitCodeMaturity.High }:
                return new(Ssvc.Exploitation.Active, "CVSS v3 Exploit Code Maturity is High (E:H): autonomous exploit code is delivered or no exploit is needed.");
        }

        if (csaf.Signal == CsafExploitSignal.PublicExploit)
        {
            return new(Ssvc.Exploitation.PublicPoc, $"The advisory's exploit status reports a public exploit: \"{csaf.Clause}\".");
        }

        var vectorPoc = vector switch
        {
            CvssV4Vector { ExploitMaturity: CvssExploitMaturity.ProofOfConcept } => "CVSS v4 Exploit Maturity is Proof-of-Concept (E:P)",
            CvssV3Vector { ExploitCodeMaturity: CvssExploitCodeMaturity.Functional } => "CVSS v3 Exploit Code Maturity is Functional (E:F)",
            CvssV3Vector { ExploitCodeMaturity: CvssExploitCodeMaturity.ProofOfConcept } => "CVSS v3 Exploit Code Maturity is Proof-of-Concept (E:P)",
            CvssV2Vector v2 when V2Exploitability(v2) is "POC" or "F" or "H" => $"CVSS v2 Exploitability is {V2Exploitability(v2)} (E:{V2Exploitability(v2)})",
            _ => null,
        };
        if (vectorPoc is not null)
        {
            return new(Ssvc.Exploitation.PublicPoc, $"{vectorPoc}: exploit code exists.");
        }

        if (evidence.EpssProbability is { } epss && epss >= EpssPublicPocThreshold)
        {
            return new(
                Ssvc.Exploitation.PublicPoc,
                $"EPSS gives a {Percent(epss)} probability of exploitation activity within 30 days (at least {Percent(EpssPublicPocThreshold)}), read as a public poc; EPSS alone never makes it active.");
        }

        var parts = new List<string> { "not in CISA KEV" };
        parts.Add(csaf.Signal == CsafExploitSignal.Denied
            ? $"the advisory says \"{csaf.Clause}\""
            : "no exploitation or public exploit in the advisory's exploit status");
        parts.Add("no exploit maturity in the CVSS vector");
        if (evidence.EpssProbability is { } low)
        {
            parts.Add($"EPSS {Percent(low)} below {Percent(EpssPublicPocThreshold)}");
        }

        return new(Ssvc.Exploitation.None, $"No evidence of exploitation: {string.Join(", ", parts)}.");
    }

    /// <summary>
    /// Automatable (ssvc:A:2.0.0). A CVSS v4 vector's supplemental Automatable metric decides when given (AU:Y yes, AU:N
    /// no). Otherwise CISA's heuristic on the base metrics: network attack vector, low complexity, no privileges and no
    /// user interaction (v4 also no attack requirements; v2 has no user interaction and uses Au:N) → yes, anything else
    /// → no. Without a vector: no — an exploit is not assumed to be scriptable end to end.
    /// </summary>
    public static SsvcJudgement<Automatable> Automatable(CvssVector? vector, string? unreadable = null)
    {
        if (vector is null)
        {
            return new(Ssvc.Automatable.No, $"{NoVector(unreadable)}; not assumed automatable.");
        }

        if (vector is CvssV4Vector { Automatable: { } au })
        {
            return au
                ? new(Ssvc.Automatable.Yes, "CVSS v4 Automatable is Yes (AU:Y): all four kill-chain steps can be scripted.")
                : new(Ssvc.Automatable.No, "CVSS v4 Automatable is No (AU:N): some kill-chain step needs a person.");
        }

        var blockers = new List<string>();
        switch (vector)
        {
            case CvssV4Vector v4:
                Require(blockers, v4.AttackVector == CvssAttackVector.Network, $"attack vector {Lower(v4.AttackVector)} (AV:{Code(v4, "AV")})");
                Require(blockers, v4.AttackComplexity == CvssAttackComplexity.Low, "attack complexity high (AC:H)");
                Require(blockers, v4.AttackRequirements == CvssAttackRequirements.None, "attack requirements present (AT:P)");
                Require(blockers, v4.PrivilegesRequired == CvssPrivilegesRequired.None, $"privileges required (PR:{Code(v4, "PR")})");
                Require(blockers, v4.UserInteraction == CvssUserInteraction.None, $"user interaction required (UI:{Code(v4, "UI")})");
                break;
            case CvssV3Vector v3:
                Require(blockers, v3.AttackVector == CvssAttackVector.Network, $"attack vector {Lower(v3.AttackVector)} (AV:{Code(v3, "AV")})");
                Require(blockers, v3.AttackComplexity == CvssAttackComplexity.Low, "attack complexity high (AC:H)");
                Require(blockers, v3.PrivilegesRequired == CvssPrivilegesRequired.None, $"privileges required (PR:{Code(v3, "PR")})");
                Require(blockers, v3.UserInteraction == CvssUserInteraction.None, "user interaction required (UI:R)");
                break;
            case CvssV2Vector v2:
                Require(blockers, v2.AccessVector == CvssAttackVector.Network, $"access vector {Lower(v2.AccessVector)} (AV:{Code(v2, "AV")})");
                Require(blockers, v2.AttackComplexity == CvssAttackComplexity.Low, $"access complexity {(v2.AccessComplexityCode == "M" ? "medium" : "high")} (AC:{v2.AccessComplexityCode})");
                Require(blockers, v2.Authentication == CvssPrivilegesRequired.None, $"authentication required (Au:{Code(v2, "Au")})");
                break;
        }

        return blockers.Count == 0
            ? new(Ssvc.Automatable.Yes, "Network attack vector, low complexity, no privileges and no user interaction: an attacker can script the exploit end to end (CISA's heuristic on the CVSS base metrics).")
            : new(Ssvc.Automatable.No, $"Not automatable by CISA's heuristic on the CVSS base metrics: {string.Join(", ", blockers)}.");
    }

    /// <summary>
    /// Technical Impact (ssvc:TI:1.0.0). <b>total</b> when the vector gives high impact on confidentiality, integrity
    /// and availability of the vulnerable system (v3 C:H/I:H/A:H, v4 VC:H/VI:H/VA:H, v2 C:C/I:C/A:C) — total control or
    /// total disclosure — or when a v3 vector's scope changes with high integrity impact (S:C and I:H); otherwise
    /// <b>partial</b>, also when there is no vector.
    /// </summary>
    public static SsvcJudgement<TechnicalImpact> TechnicalImpact(CvssVector? vector, string? unreadable = null)
    {
        if (vector is null)
        {
            return new(Ssvc.TechnicalImpact.Partial, $"{NoVector(unreadable)}; total technical impact not assumed.");
        }

        var (c, i, a, codes) = vector switch
        {
            CvssV4Vector v4 => (v4.VulnerableConfidentiality, v4.VulnerableIntegrity, v4.VulnerableAvailability, Codes(v4, "VC", "VI", "VA")),
            CvssV3Vector v3 => (v3.Confidentiality, v3.Integrity, v3.Availability, Codes(v3, "C", "I", "A")),
            CvssV2Vector v2 => (v2.Confidentiality, v2.Integrity, v2.Availability, Codes(v2, "C", "I", "A")),
            _ => throw new ArgumentOutOfRangeException(nameof(vector), vector.Version, "unknown CVSS version"),
        };

        if (c == CvssImpact.High && i == CvssImpact.High && a == CvssImpact.High)
        {
            return new(Ssvc.TechnicalImpact.Total, $"CVSS gives high confidentiality, integrity and availability impact ({codes}): total control of the system or total disclosure of its information.");
        }

        if (vector is CvssV3Vector { Scope: CvssScope.Changed, Integrity: CvssImpact.High })
        {
            return new(Ssvc.TechnicalImpact.Total, $"CVSS scope changes with high integrity impact (S:C, {codes}): the attacker takes control beyond the vulnerable component.");
        }

        return new(Ssvc.TechnicalImpact.Partial, $"CVSS impact {codes} falls short of total control or total disclosure.");
    }

    /// <summary>
    /// Mission Prevalence (cisa:MP:1.0.0) from the asset: a crown jewel or criticality 4–5 directly provides a mission
    /// essential function → <b>essential</b>; criticality 2–3 supports one → <b>support</b>; criticality 1 → <b>minimal</b>.
    /// </summary>
    public static SsvcJudgement<MissionPrevalence> MissionPrevalence(Asset asset) => asset switch
    {
        { IsCrownJewel: true } => new(Ssvc.MissionPrevalence.Essential, $"{Named(asset)} is a crown jewel: it directly provides a mission essential function."),
        { Criticality: >= 4 } => new(Ssvc.MissionPrevalence.Essential, $"{Named(asset)} has criticality {asset.Criticality} of 5: it directly provides a mission essential function."),
        { Criticality: >= 2 } => new(Ssvc.MissionPrevalence.Support, $"{Named(asset)} has criticality {asset.Criticality} of 5: it supports mission essential functions."),
        _ => new(Ssvc.MissionPrevalence.Minimal, $"{Named(asset)} has criticality {asset.Criticality} of 5 and is not a crown jewel: minimal part in the mission."),
    };

    /// <summary>
    /// Public Well-Being Impact (ssvc:PWI:1.1.0): a safety-relevant asset can cause physical harm → <b>irreversible</b>;
    /// a crown jewel (not safety-relevant) → <b>material</b>; otherwise <b>minimal</b>.
    /// </summary>
    public static SsvcJudgement<PublicWellBeingImpact> PublicWellBeing(Asset asset) => asset switch
    {
        { SafetyRelevant: true } => new(PublicWellBeingImpact.Irreversible, $"{Named(asset)} is safety-relevant: its compromise can cause physical harm."),
        { IsCrownJewel: true } => new(PublicWellBeingImpact.Material, $"{Named(asset)} is a crown jewel (not safety-relevant): its compromise stops production, a material but reversible harm."),
        _ => new(PublicWellBeingImpact.Minimal, $"{Named(asset)} is neither safety-relevant nor a crown jewel."),
    };

    /// <summary>
    /// Safety Impact (ssvc:SI:2.0.1): a safety-relevant safety controller (its compromise can defeat the safety function
    /// itself) → <b>catastrophic</b>; any other safety-relevant asset → <b>critical</b>; a crown jewel or criticality 5 →
    /// <b>marginal</b>; otherwise <b>negligible</b>.
    /// </summary>
    public static SsvcJudgement<SafetyImpact> SafetyImpact(Asset asset) => asset switch
    {
        { SafetyRelevant: true, Kind: AssetKind.SafetyController } => new(Ssvc.SafetyImpact.Catastrophic, $"{Named(asset)} is safety-relevant: as a safety controller its compromise can defeat the safety function itself."),
        { SafetyRelevant: true } => new(Ssvc.SafetyImpact.Critical, $"{Named(asset)} is safety-relevant: its compromise can hurt people."),
        { IsCrownJewel: true } => new(Ssvc.SafetyImpact.Marginal, $"{Named(asset)} is a crown jewel but not safety-relevant: minor safety consequences at most."),
        { Criticality: >= 5 } => new(Ssvc.SafetyImpact.Marginal, $"{Named(asset)} has criticality 5 of 5 but is not safety-relevant: minor safety consequences at most."),
        _ => new(Ssvc.SafetyImpact.Negligible, $"{Named(asset)} is not safety-relevant, not a crown jewel and has criticality {asset.Criticality} of 5."),
    };

    /// <summary>
    /// Mission Impact (ssvc:MI:2.0.0) from criticality: 5 (the line stops without it) → <b>mission failure</b>; 4 →
    /// <b>mef failure</b>; 3 → <b>mef support crippled</b>; 1–2 → <b>degraded</b>.
    /// </summary>
    public static SsvcJudgement<MissionImpact> MissionImpact(Asset asset) => asset.Criticality switch
    {
        >= 5 => new(Ssvc.MissionImpact.MissionFailure, $"{Named(asset)} has criticality {asset.Criticality} of 5: the line stops without it."),
        4 => new(Ssvc.MissionImpact.MefFailure, $"{Named(asset)} has criticality 4 of 5: losing it fails a mission essential function."),
        3 => new(Ssvc.MissionImpact.MefSupportCrippled, $"{Named(asset)} has criticality 3 of 5: losing it cripples support to a mission essential function."),
        _ => new(Ssvc.MissionImpact.Degraded, $"{Named(asset)} has criticality {asset.Criticality} of 5: losing it degrades operations only."),
    };

    internal static string Named(Asset asset) => $"{asset.Name} ({Humanize(asset.Kind)})";

    internal static string Humanize(AssetKind kind) => (uint)kind < (uint)KindNames.Length ? KindNames[(int)kind] : kind.ToString();

    // "SafetyController" → "safety controller", acronyms kept: computed once, used in every asset point's why.
    private static readonly string[] KindNames = Enum.GetValues<AssetKind>().Select(k => CamelBoundary().Replace(k.ToString(), " ").ToLowerInvariant() switch
    {
        "plc" => "PLC",
        "rtu" => "RTU",
        "ied" => "IED",
        "hmi" => "HMI",
        "scada server" => "SCADA server",
        "opc server" => "OPC server",
        "vpn gateway" => "VPN gateway",
        var other => other,
    }).ToArray();

    private static void Require(List<string> blockers, bool holds, string otherwise)
    {
        if (!holds)
        {
            blockers.Add(otherwise);
        }
    }

    private static string NoVector(string? unreadable) =>
        unreadable is null ? "No CVSS vector" : $"The CVSS vector could not be read ({unreadable})";

    private static string Percent(double probability) => probability.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Code(CvssVector vector, string key) => vector.Metrics.First(m => m.Key == key).ValueCode;

    private static string Codes(CvssVector vector, string c, string i, string a) =>
        $"{c}:{Code(vector, c)}/{i}:{Code(vector, i)}/{a}:{Code(vector, a)}";

    private static string V2Exploitability(CvssV2Vector vector) => Code(vector, "E");

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex CamelBoundary();
}
