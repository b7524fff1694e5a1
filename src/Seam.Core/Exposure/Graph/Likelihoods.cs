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
public readonly record struct ExploitStep(ExploitReach Reach, double Likelihood, string Why, string Evidence, string Exploitability);

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
    /// </summary>
    public static ExploitStep Exploit(ExposureFinding finding)
    {
        if (finding.State is FindingState.Fixed or FindingState.NotAffected)
        {
            return new ExploitStep(ExploitReach.Closed, 0, $"{finding.VulnerabilityId} is {(finding.State == FindingState.Fixed ? "fixed" : "not affecting this version")}.", "", "");
        }

        var facts = finding.CvssVector is { } v ? VectorCache.GetOrAdd(v, CvssFacts.From) : null;
        var (evidence, evidenceWhy) = Evidence(finding, facts);
        double exploitability;
        string exploitabilityWhy;
        ExploitReach reach;
        if (facts is null)
        {
            reach = ExploitReach.Network;
            exploitability = 0.5;
            exploitabilityWhy = finding.CvssVector is null
                ? "no CVSS vector: assumed network-exploitable at half weight"
                : "the CVSS vector does not parse: assumed network-exploitable at half weight";
        }
        else
        {
            reach = facts.Reach;
            exploitability = facts.Exploitability;
            exploitabilityWhy = facts.Why;
        }

        var confidence = finding.Confidence switch
        {
            MatchConfidence.Identifier => 1.0,
            MatchConfidence.NameAndVersion => 0.9,
            _ => 0.5,
        };
        var state = finding.State == FindingState.Mitigated ? MitigatedFactor : 1.0;
        var p = Math.Clamp(evidence * exploitability * confidence * state, 0.001, 1.0);
        var why = $"{evidenceWhy}; {exploitabilityWhy}";
        if (confidence < 1)
        {
            why += finding.Confidence == MatchConfidence.NameAndVersion ? "; matched by name and version ×0.9" : "; matched by name only ×0.5";
        }

        if (state < 1)
        {
            why += "; mitigated by a compensating control ×0.3";
        }

        return new ExploitStep(reach, p, why + $" → {Percent(p)}", evidenceWhy, exploitabilityWhy);
    }

    private static (double Value, string Why) Evidence(ExposureFinding finding, CvssFacts? facts)
    {
        var e = finding.Evidence;
        if (e.InKev)
        {
            var since = e.KevDateAdded is { } d ? " since " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
            return (ActiveExploitation, $"exploited in the wild (CISA KEV{since}{(e.KnownRansomwareUse ? ", used by ransomware" : string.Empty)}) 95%");
        }

        var csaf = Ssvc.CsafExploitStatusText.Read(e.CsafExploitStatus).Signal;
        if (csaf == Ssvc.CsafExploitSignal.Exploited)
        {
            return (ActiveExploitation, "the advisory reports exploitation in the wild 95%");
        }

        if (facts?.Maturity == ExploitMaturity.Active)
        {
            return (ActiveExploitation, "CVSS exploit maturity says attacked 95%");
        }

        var epss = e.EpssProbability ?? 0;
        if (csaf == Ssvc.CsafExploitSignal.PublicExploit || facts?.Maturity == ExploitMaturity.ProofOfConcept)
        {
            return epss > PublicExploit
                ? (epss, $"a public exploit exists and EPSS is {Percent(epss)}")
                : (PublicExploit, "a public exploit or proof of concept exists 60%");
        }

        if (e.EpssProbability is { } probability)
        {
            return probability >= NoEvidenceFloor
                ? (probability, $"no known exploitation; EPSS {Percent(probability)}")
                : (NoEvidenceFloor, $"no known exploitation; EPSS {Percent(probability)}, floor 10%");
        }

        return (NoEvidenceFloor, "no known exploitation and no EPSS score: floor 10%");
    }

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
