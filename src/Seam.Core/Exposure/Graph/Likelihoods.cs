using System.Collections.Concurrent;
using System.Globalization;
using Seam.Exposure.Model;
using Seam.Intelligence.Cvss;
using Seam.Intelligence.Findings;
using Seam.Inventory;

namespace Seam.Exposure.Graph;

/// <summary>Where an exploit has to come from, by the CVSS attack vector.</summary>
public enum ExploitReach : byte
{
    /// <summary>AV:N — any packet that reaches a service of the asset.</summary>
    Network,

    /// <summary>AV:A — only from the asset's own network segment (zone).</summary>
    Adjacent,

    /// <summary>AV:L or AV:P — needs local or physical access; never a network step.</summary>
    LocalOrPhysical,

    /// <summary>Fixed or not affected: nothing to exploit.</summary>
    Closed,
}

/// <summary>How likely one exploitation step is, and why.</summary>
public readonly record struct ExploitStep
{
    // Either the words themselves (an ExploitExplanation) or the finding they are worked out from when read.
    private readonly object? explanation;

    public ExploitStep(ExploitReach reach, double likelihood, string why, string evidence, string exploitability)
    {
        Reach = reach;
        Likelihood = likelihood;
        explanation = new ExploitExplanation(why, evidence, exploitability);
    }

    internal ExploitStep(ExploitReach reach, double likelihood, ExposureFinding finding)
    {
        Reach = reach;
        Likelihood = likelihood;
        explanation = finding;
    }

    public ExploitReach Reach { get; init; }

    public double Likelihood { get; init; }

    /// <summary>The whole explanation: evidence, exploitability, confidence, state and the resulting figure.</summary>
    public string Why => Explanation?.Why!;

    public string Evidence => Explanation?.Evidence!;

    public string Exploitability => Explanation?.Exploitability!;

    private ExploitExplanation? Explanation => explanation switch
    {
        ExposureFinding finding => Likelihoods.Explain(finding),
        ExploitExplanation words => words,
        _ => null,
    };

    public bool Equals(ExploitStep other) => Reach == other.Reach && Likelihood.Equals(other.Likelihood)
        && (ReferenceEquals(explanation, other.explanation) || Equals(Explanation, other.Explanation));

    public override int GetHashCode() => HashCode.Combine(Reach, Likelihood);
}

internal sealed record ExploitExplanation(string Why, string Evidence, string Exploitability);

/// <summary>
/// The likelihood figures of the attack graph, in one place so docs/exposure.md and the code cannot drift apart.
/// Every figure is a probability that the step succeeds given the previous one did; a path multiplies them.
/// </summary>
public static class Likelihoods
{
    public const double Internet = 1.0;
    public const double EnterpriseIt = 0.5;
    public const double VendorRemoteAccess = 0.5;
    public const double MfaFactor = 0.2;
    public const double OnDemandFactor = 0.5;
    public const double RemovableMedia = 0.2;

    public const double ActiveExploitation = 0.95;
    public const double PublicExploit = 0.6;
    public const double NoEvidenceFloor = 0.1;

    public const double UnauthenticatedIcs = 0.9;

    public const double MitigatedFactor = 0.3;

    /// <summary>The probability an attacker holds the entry point at all.</summary>
    public static (double Likelihood, string Why) Entry(EntrySource entry)
    {
        switch (entry.Kind)
        {
            case EntryPointKind.Internet:
                return (Internet, "the internet: anyone can try, all the time (100%)");
            case EntryPointKind.EnterpriseIt:
                return (EnterpriseIt, "a foothold in the enterprise IT network (phishing, a compromised laptop) is routine: 50%");
            case EntryPointKind.RemovableMedia:
                return (RemovableMedia, "infected removable media plugged in inside the zone: 20%");
            default:
                var p = VendorRemoteAccess;
                var why = entry.IsAccessGrant ? "an active time-boxed access grant" : "a vendor remote-access path";
                why += ": stolen or shared vendor credentials are a common way in (base 50%)";
                if (entry.MfaRequired)
                {
                    p *= MfaFactor;
                    why += ", ×0.2 because MFA is required";
                }
                else
                {
                    why += ", no MFA";
                }

                if (entry.Availability == RemoteAccessAvailability.OnDemand)
                {
                    p *= OnDemandFactor;
                    why += ", ×0.5 because it is only enabled on demand";
                }
                else
                {
                    why += ", always on";
                }

                return (p, why + $" → {Percent(p)}");
        }
    }

    private static readonly ConcurrentDictionary<string, CvssFacts?> VectorCache = new(StringComparer.Ordinal);

    /// <summary>
    /// p = evidence × exploitability × match confidence × state. Evidence: 95% when exploited in the wild (KEV, the
    /// advisory's exploit status, CVSS E:A/E:H), 60% with a public exploit (E:P/E:F, the advisory says so), otherwise
    /// the EPSS probability, never below 10%. Exploitability from CVSS: privileges none 1, low 0.5, high 0.2; user
    /// interaction none 1, required/passive 0.5, active 0.7; attack complexity high or attack requirements present 0.7.
    /// Confidence: identifier 1, name+version 0.9, name only 0.5. A mitigated finding counts 0.3.
    /// The step's explanation is worked out when read: a graph holds one step per finding and reads few of them.
    /// </summary>
    public static ExploitStep Exploit(ExposureFinding finding)
    {
        if (IsClosed(finding))
        {
            return new ExploitStep(ExploitReach.Closed, 0, finding);
        }

        var facts = FactsOf(finding.CvssVector);
        var p = Math.Clamp(Evidence(finding, facts).Value * (facts?.Exploitability ?? NoVectorExploitability) * Confidence(finding.Confidence)
            * StateFactor(finding.State), 0.001, 1.0);
        return new ExploitStep(facts?.Reach ?? ExploitReach.Network, p, finding);
    }

    /// <summary>Why <see cref="Exploit"/> gives the finding its likelihood, in words.</summary>
    internal static ExploitExplanation Explain(ExposureFinding finding)
    {
        if (IsClosed(finding))
        {
            return new ExploitExplanation($"{finding.VulnerabilityId} is {(finding.State == FindingState.Fixed ? "fixed" : "not affecting this version")}.", "", "");
        }

        var facts = FactsOf(finding.CvssVector);
        var evidenceWhy = Describe(Evidence(finding, facts), finding.Evidence);
        var exploitabilityWhy = facts?.Why ?? (finding.CvssVector is null
            ? "no CVSS vector: assumed network-exploitable at half weight"
            : "the CVSS vector does not parse: assumed network-exploitable at half weight");
        var why = $"{evidenceWhy}; {exploitabilityWhy}";
        if (finding.Confidence != MatchConfidence.Identifier)
        {
            why += finding.Confidence == MatchConfidence.NameAndVersion ? "; matched by name and version ×0.9" : "; matched by name only ×0.5";
        }

        if (finding.State == FindingState.Mitigated)
        {
            why += "; mitigated by a compensating control ×0.3";
        }

        return new ExploitExplanation(why + $" → {Percent(Exploit(finding).Likelihood)}", evidenceWhy, exploitabilityWhy);
    }

    private const double NoVectorExploitability = 0.5;

    private static bool IsClosed(ExposureFinding finding) => finding.State is FindingState.Fixed or FindingState.NotAffected;

    private static CvssFacts? FactsOf(string? vector) => vector is null ? null : VectorCache.GetOrAdd(vector, CvssFacts.From);

    private static double Confidence(MatchConfidence confidence) => confidence switch
    {
        MatchConfidence.Identifier => 1.0,
        MatchConfidence.NameAndVersion => 0.9,
        _ => 0.5,
    };

    private static double StateFactor(FindingState state) => state == FindingState.Mitigated ? MitigatedFactor : 1.0;

    /// <summary>What the evidence figure rests on; <see cref="Describe"/> puts it in words.</summary>
    private enum EvidenceBasis : byte
    {
        Kev,
        AdvisoryReportsExploitation,
        CvssSaysAttacked,
        PublicExploitWithHigherEpss,
        PublicExploit,
        Epss,
        EpssBelowFloor,
        Nothing,
    }

    private readonly record struct EvidenceReading(double Value, EvidenceBasis Basis);

    private static readonly ConcurrentDictionary<string, Ssvc.CsafExploitSignal> CsafSignalCache = new(StringComparer.Ordinal);

    private static EvidenceReading Evidence(ExposureFinding finding, CvssFacts? facts)
    {
        var e = finding.Evidence;
        if (e.InKev)
        {
            return new(ActiveExploitation, EvidenceBasis.Kev);
        }

        // Advisories repeat the same exploit-status text for every product they cover: read each text once.
        var csaf = e.CsafExploitStatus is { } text
            ? CsafSignalCache.GetOrAdd(text, t => Ssvc.CsafExploitStatusText.Read(t).Signal)
            : Ssvc.CsafExploitSignal.Silent;
        if (csaf == Ssvc.CsafExploitSignal.Exploited)
        {
            return new(ActiveExploitation, EvidenceBasis.AdvisoryReportsExploitation);
        }

        if (facts?.Maturity == ExploitMaturity.Active)
        {
            return new(ActiveExploitation, EvidenceBasis.CvssSaysAttacked);
        }

        var epss = e.EpssProbability ?? 0;
        if (csaf == Ssvc.CsafExploitSignal.PublicExploit || facts?.Maturity == ExploitMaturity.ProofOfConcept)
        {
            return epss > PublicExploit ? new(epss, EvidenceBasis.PublicExploitWithHigherEpss) : new(PublicExploit, EvidenceBasis.PublicExploit);
        }

        if (e.EpssProbability is { } probability)
        {
            return probability >= NoEvidenceFloor ? new(probability, EvidenceBasis.Epss) : new(NoEvidenceFloor, EvidenceBasis.EpssBelowFloor);
        }

        return new(NoEvidenceFloor, EvidenceBasis.Nothing);
    }

    private static string Describe(EvidenceReading reading, ExploitEvidence e) => reading.Basis switch
    {
        EvidenceBasis.Kev =>
            $"exploited in the wild (CISA KEV{(e.KevDateAdded is { } d ? " since " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}{(e.KnownRansomwareUse ? ", used by ransomware" : string.Empty)}) 95%",
        EvidenceBasis.AdvisoryReportsExploitation => "the advisory reports exploitation in the wild 95%",
        EvidenceBasis.CvssSaysAttacked => "CVSS exploit maturity says attacked 95%",
        EvidenceBasis.PublicExploitWithHigherEpss => $"a public exploit exists and EPSS is {Percent(reading.Value)}",
        EvidenceBasis.PublicExploit => "a public exploit or proof of concept exists 60%",
        EvidenceBasis.Epss => $"no known exploitation; EPSS {Percent(reading.Value)}",
        EvidenceBasis.EpssBelowFloor => $"no known exploitation; EPSS {Percent(e.EpssProbability ?? 0)}, floor 10%",
        _ => "no known exploitation and no EPSS score: floor 10%",
    };

    public static string Percent(double p) => p >= 0.1 || p == 0
        ? (p * 100).ToString("0", CultureInfo.InvariantCulture) + "%"
        : (p * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    internal enum ExploitMaturity
    {
        Unknown,
        ProofOfConcept,
        Active,
    }

    /// <summary>What the exposure engine reads from a CVSS vector.</summary>
    internal sealed record CvssFacts(ExploitReach Reach, double Exploitability, string Why, ExploitMaturity Maturity)
    {
        public static CvssFacts? From(string vector)
        {
            if (!CvssVector.TryParse(vector, out var parsed, out _))
            {
                return null;
            }

            var m = parsed.Metrics.Where(x => x.Explicit).ToDictionary(x => x.Key, x => x.ValueCode, StringComparer.Ordinal);
            var av = m.GetValueOrDefault("AV", "N");
            var reach = av switch
            {
                "N" => ExploitReach.Network,
                "A" => ExploitReach.Adjacent,
                _ => ExploitReach.LocalOrPhysical,
            };
            var parts = new List<string> { "AV:" + av };
            var x = 1.0;
            if (parsed.Version == CvssVersion.V2)
            {
                var au = m.GetValueOrDefault("Au", "N");
                x *= au switch { "N" => 1.0, "S" => 0.5, _ => 0.2 };
                parts.Add("Au:" + au);
                var ac = m.GetValueOrDefault("AC", "L");
                x *= ac == "H" ? 0.7 : 1.0;
                parts.Add("AC:" + ac);
            }
            else
            {
                var pr = m.GetValueOrDefault("PR", "N");
                x *= pr switch { "N" => 1.0, "L" => 0.5, _ => 0.2 };
                parts.Add("PR:" + pr);
                var ui = m.GetValueOrDefault("UI", "N");
                x *= ui switch { "N" => 1.0, "A" => 0.7, _ => 0.5 };
                parts.Add("UI:" + ui);
                var ac = m.GetValueOrDefault("AC", "L");
                x *= ac == "H" ? 0.7 : 1.0;
                parts.Add("AC:" + ac);
                if (m.TryGetValue("AT", out var at))
                {
                    x *= at == "P" ? 0.7 : 1.0;
                    parts.Add("AT:" + at);
                }
            }

            var maturity = m.GetValueOrDefault("E", "X") switch
            {
                "A" => ExploitMaturity.Active,
                // As SSVC's Exploitation reads it (SsvcRules.Exploitation): v3 High speaks of attacks, v2 High only of code.
                "H" when parsed.Version is CvssVersion.V3_0 or CvssVersion.V3_1 => ExploitMaturity.Active,
                "P" or "F" or "POC" or "H" => ExploitMaturity.ProofOfConcept,
                _ => ExploitMaturity.Unknown,
            };
            var why = $"CVSS {string.Join('/', parts)} → exploitability {x.ToString("0.##", CultureInfo.InvariantCulture)}";
            return new CvssFacts(reach, x, why, maturity);
        }
    }
}
