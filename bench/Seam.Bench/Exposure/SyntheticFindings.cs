using System.Globalization;
using Seam.Exposure.Model;
using Seam.Intelligence.Cvss;
using Seam.Intelligence.Findings;
using Seam.Inventory;

namespace Seam.Bench.Exposure;

/// <summary>A vulnerability of the synthetic world: shared by every asset of its family that has it, like a real CVE.</summary>
public sealed record SyntheticVulnerability(string Id, string? AdvisoryId, string Vector, double Score, ExploitEvidence Evidence);

/// <summary>
/// Findings for generated assets. Each product family has a pool of 50 vulnerabilities with vectors drawn from the
/// family's profile (network appliances and controllers mostly AV:N without privileges, desktops often AV:L with user
/// interaction), a few of them in KEV (about 2% of all findings), EPSS from a skewed distribution (median about 0.0003,
/// a long tail up to 1, as the real scores are), and a third of the ICS ones written in CVSS v4.0 as recent ICS
/// advisories are. An asset draws its findings from its family's pool without repeats.
/// </summary>
public sealed class SyntheticFindings
{
    private const int PoolSize = 50;

    private static readonly DateOnly KevStart = new(2021, 11, 3);

    private readonly Random random;
    private readonly Dictionary<VulnerabilityFamily, SyntheticVulnerability[]> pools = [];
    private readonly int[] draw = [.. Enumerable.Range(0, PoolSize)];
    private int nextNumber = 41_000;

    public SyntheticFindings(Random random)
    {
        this.random = random;
        foreach (var family in Enum.GetValues<VulnerabilityFamily>())
        {
            pools[family] = Pool(family, Profile(family));
        }
    }

    public IReadOnlyList<SyntheticVulnerability> PoolOf(VulnerabilityFamily family) => pools[family];

    /// <param name="roles">The role each asset was generated as, in the same order as <paramref name="assets"/>.</param>
    public IReadOnlyList<ExposureFinding> For(IReadOnlyList<Asset> assets, IReadOnlyList<SyntheticRole> roles)
    {
        var findings = new List<ExposureFinding>(assets.Count * 5);
        for (var i = 0; i < assets.Count; i++)
        {
            var asset = assets[i];
            var role = roles[i];
            var pool = pools[role.Family];
            var count = Math.Clamp(random.Next(role.FindingsMean - 2, role.FindingsMean + 3), 0, PoolSize);
            for (var k = 0; k < count; k++)
            {
                var pick = random.Next(k, PoolSize);
                (draw[k], draw[pick]) = (draw[pick], draw[k]);
                var vulnerability = pool[draw[k]];
                findings.Add(new ExposureFinding
                {
                    Id = asset.Id + "/" + vulnerability.Id,
                    AssetId = asset.Id,
                    VulnerabilityId = vulnerability.Id,
                    AdvisoryId = vulnerability.AdvisoryId,
                    State = State(),
                    Confidence = Confidence(),
                    CvssVector = vulnerability.Vector,
                    CvssScore = vulnerability.Score,
                    Remediation = "Update to the fixed version named in the advisory.",
                    Evidence = vulnerability.Evidence,
                });
            }
        }

        return findings;
    }

    private FindingState State()
    {
        var d = random.Next(100);
        return d < 93 ? FindingState.Open : d < 97 ? FindingState.Fixed : d < 99 ? FindingState.Mitigated : FindingState.Accepted;
    }

    private MatchConfidence Confidence()
    {
        var d = random.Next(10);
        return d < 6 ? MatchConfidence.Identifier : d < 9 ? MatchConfidence.NameAndVersion : MatchConfidence.NameOnly;
    }

    /// <summary>How a family's vulnerabilities look.</summary>
    /// <param name="AttackVector">Weights of AV:N, AV:A, AV:L, AV:P.</param>
    /// <param name="PrivilegesNone">Share needing no privileges; of the rest, two thirds need low privileges.</param>
    /// <param name="UserInteractionNone">Share that needs nobody to click.</param>
    /// <param name="V4Share">Share written as CVSS v4.0.</param>
    /// <param name="KevCount">Vulnerabilities of the 50 that are in KEV.</param>
    /// <param name="Ics">ICS vendors publish CSAF advisories (ICSA ids, exploit status).</param>
    private sealed record FamilyProfile(int[] AttackVector, double PrivilegesNone, double UserInteractionNone, double V4Share, int KevCount, bool Ics);

    private static FamilyProfile Profile(VulnerabilityFamily family) => family switch
    {
        VulnerabilityFamily.WindowsDesktop => new([45, 5, 45, 5], 0.30, 0.60, 0.0, 2, false),
        VulnerabilityFamily.WindowsServer => new([55, 5, 38, 2], 0.35, 0.75, 0.0, 2, false),
        VulnerabilityFamily.NetworkAppliance => new([85, 10, 5, 0], 0.55, 0.90, 0.0, 3, false),
        VulnerabilityFamily.SiemensController or VulnerabilityFamily.RockwellController or VulnerabilityFamily.SchneiderController =>
            new([75, 15, 8, 2], 0.70, 0.90, 0.35, 1, true),
        VulnerabilityFamily.SafetyController => new([60, 25, 10, 5], 0.60, 0.90, 0.35, 0, true),
        VulnerabilityFamily.OperatorPanel => new([60, 15, 20, 5], 0.50, 0.75, 0.30, 1, true),
        VulnerabilityFamily.ScadaSoftware or VulnerabilityFamily.Historian => new([60, 5, 33, 2], 0.50, 0.70, 0.30, 1, true),
        VulnerabilityFamily.Drive or VulnerabilityFamily.FieldDevice => new([50, 35, 10, 5], 0.80, 0.95, 0.35, 0, true),
        VulnerabilityFamily.Telecontrol => new([70, 20, 8, 2], 0.65, 0.90, 0.35, 0, true),
        _ => new([90, 5, 5, 0], 0.60, 0.90, 0.0, 1, false),
    };

    private SyntheticVulnerability[] Pool(VulnerabilityFamily family, FamilyProfile profile)
    {
        var kev = Enumerable.Range(0, PoolSize).OrderBy(_ => random.Next()).Take(profile.KevCount).ToHashSet();
        var pool = new SyntheticVulnerability[PoolSize];
        for (var i = 0; i < PoolSize; i++)
        {
            var year = random.Next(2018, 2027);
            var id = string.Create(CultureInfo.InvariantCulture, $"CVE-{year}-{nextNumber++}");
            var vector = random.NextDouble() < profile.V4Share ? VectorV4(profile) : VectorV31(profile);
            var score = CvssVector.Parse(vector).Score;
            var inKev = kev.Contains(i);
            var advisory = profile.Ics ? string.Create(CultureInfo.InvariantCulture, $"ICSA-{year % 100:D2}-{random.Next(1, 366):D3}-{random.Next(1, 20):D2}") : null;
            pool[i] = new SyntheticVulnerability(id, advisory, vector, score, Evidence(inKev, profile.Ics));
        }

        return pool;
    }

    private ExploitEvidence Evidence(bool inKev, bool ics)
    {
        if (inKev)
        {
            var probability = Math.Round(0.2 + (random.NextDouble() * 0.77), 5);
            return new ExploitEvidence(
                InKev: true,
                KevDateAdded: KevStart.AddDays(random.Next(0, 5 * 365)),
                KnownRansomwareUse: random.NextDouble() < 0.3,
                EpssProbability: probability,
                EpssPercentile: Math.Round(0.95 + (random.NextDouble() * 0.05), 5),
                CsafExploitStatus: ics ? "CISA is aware of public reports of exploitation of this vulnerability." : null);
        }

        // Real EPSS scores are heavily skewed: most CVEs score below 0.001, a few near 1. 10^(4u³ − 4) has that shape,
        // and u is the score's percentile.
        var u = random.NextDouble();
        var epss = Math.Round(Math.Pow(10, (4 * u * u * u) - 4), 5);
        var exploitStatus = ics && random.NextDouble() < 0.05 ? "Public exploit code is available." : null;
        return new ExploitEvidence(EpssProbability: Math.Max(epss, 0.0001), EpssPercentile: Math.Round(u, 5), CsafExploitStatus: exploitStatus);
    }

    private string VectorV31(FamilyProfile p)
    {
        var (c, i, a) = Impacts();
        var scope = random.NextDouble() < 0.15 ? 'C' : 'U';
        return $"CVSS:3.1/AV:{AttackVector(p)}/AC:{(random.NextDouble() < 0.8 ? 'L' : 'H')}/PR:{Privileges(p)}/UI:{(random.NextDouble() < p.UserInteractionNone ? 'N' : 'R')}/S:{scope}/C:{c}/I:{i}/A:{a}";
    }

    private string VectorV4(FamilyProfile p)
    {
        var (c, i, a) = Impacts();
        var ui = random.NextDouble() < p.UserInteractionNone ? 'N' : random.NextDouble() < 0.6 ? 'P' : 'A';
        var subsequent = random.NextDouble() < 0.2 ? 'H' : random.NextDouble() < 0.3 ? 'L' : 'N';
        return $"CVSS:4.0/AV:{AttackVector(p)}/AC:{(random.NextDouble() < 0.8 ? 'L' : 'H')}/AT:{(random.NextDouble() < 0.85 ? 'N' : 'P')}/PR:{Privileges(p)}/UI:{ui}" +
            $"/VC:{c}/VI:{i}/VA:{a}/SC:{subsequent}/SI:{subsequent}/SA:{subsequent}";
    }

    private char AttackVector(FamilyProfile p)
    {
        var d = random.Next(p.AttackVector.Sum());
        for (var k = 0; k < 4; k++)
        {
            if (d < p.AttackVector[k])
            {
                return "NALP"[k];
            }

            d -= p.AttackVector[k];
        }

        return 'N';
    }

    private char Privileges(FamilyProfile p)
    {
        var d = random.NextDouble();
        return d < p.PrivilegesNone ? 'N' : d < p.PrivilegesNone + ((1 - p.PrivilegesNone) * 2 / 3) ? 'L' : 'H';
    }

    private (char C, char I, char A) Impacts()
    {
        char One()
        {
            var d = random.NextDouble();
            return d < 0.55 ? 'H' : d < 0.80 ? 'L' : 'N';
        }

        var (c, i, a) = (One(), One(), One());
        return c == 'N' && i == 'N' && a == 'N' ? (c, 'H', a) : (c, i, a);
    }
}
