using System.Collections.Concurrent;
using Seam.Exposure.Model;
using Seam.Intelligence.Cvss;
using Seam.Inventory;

namespace Seam.Exposure.Ssvc;

/// <summary>
/// Both SSVC decisions for one finding — CISA's coordinator level and CERT/CC's deployer patch application priority —
/// with every decision point computed from data (rules in <see cref="SsvcRules"/>) and every table answer read from
/// the embedded CSVs (<see cref="SsvcTables"/>). Pure and thread-safe.
/// </summary>
public static class SsvcAssessor
{
    // The vulnerability-side points depend only on the vector and the evidence, which repeat across every asset a
    // vulnerability is found on; reading the advisory text and the vector once per distinct pair keeps a site-wide
    // recompute cheap. Bounded: cleared when full (results are pure, so clearing only costs time).
    private const int VulnerabilityCacheLimit = 65_536;

    private static readonly ConcurrentDictionary<(string? Vector, ExploitEvidence Evidence), VulnerabilitySide> VulnerabilityCache = new();

    public static SsvcAssessment Assess(SsvcInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var finding = inputs.Finding;
        var asset = inputs.Asset;

        var (e, a, ti) = VulnerabilityPoints(finding);
        var mp = SsvcRules.MissionPrevalence(asset);
        var pwi = SsvcRules.PublicWellBeing(asset);
        var si = SsvcRules.SafetyImpact(asset);
        var mi = SsvcRules.MissionImpact(asset);
        var exp = inputs.Exposure;

        var mwi = SsvcTables.MissionAndWellBeing(mp.Value, pwi.Value);
        var hi = SsvcTables.HumanImpact(si.Value, mi.Value);
        var cisa = SsvcTables.Cisa(e.Value, a.Value, ti.Value, mwi.Outcome);
        var deployer = SsvcTables.Deployer(e.Value, exp, a.Value, hi.Outcome);

        IReadOnlyList<SsvcPoint> points =
        [
            Point(SsvcDecisionPoints.Exploitation, e),
            Point(SsvcDecisionPoints.Automatable, a),
            Point(SsvcDecisionPoints.TechnicalImpact, ti),
            Point(SsvcDecisionPoints.MissionPrevalence, mp),
            Point(SsvcDecisionPoints.PublicWellBeing, pwi),
            Point(SsvcDecisionPoints.MissionAndWellBeing, mwi, (SsvcDecisionPoints.MissionPrevalence, mp.Value), (SsvcDecisionPoints.PublicWellBeing, pwi.Value)),
            Point(SsvcDecisionPoints.SystemExposure, new SsvcJudgement<SystemExposure>(exp, inputs.ExposureWhy)),
            Point(SsvcDecisionPoints.SafetyImpact, si),
            Point(SsvcDecisionPoints.MissionImpact, mi),
            Point(SsvcDecisionPoints.HumanImpact, hi, (SsvcDecisionPoints.SafetyImpact, si.Value), (SsvcDecisionPoints.MissionImpact, mi.Value)),
            Point(
                SsvcDecisionPoints.CisaLevels,
                cisa,
                (SsvcDecisionPoints.Exploitation, e.Value),
                (SsvcDecisionPoints.Automatable, a.Value),
                (SsvcDecisionPoints.TechnicalImpact, ti.Value),
                (SsvcDecisionPoints.MissionAndWellBeing, mwi.Outcome)),
            Point(
                SsvcDecisionPoints.DeployerPriority,
                deployer,
                (SsvcDecisionPoints.Exploitation, e.Value),
                (SsvcDecisionPoints.SystemExposure, exp),
                (SsvcDecisionPoints.Automatable, a.Value),
                (SsvcDecisionPoints.HumanImpact, hi.Outcome)),
        ];

        return new SsvcAssessment
        {
            Exploitation = e.Value,
            Automatable = a.Value,
            TechnicalImpact = ti.Value,
            SystemExposure = exp,
            MissionPrevalence = mp.Value,
            PublicWellBeing = pwi.Value,
            MissionAndWellBeing = mwi.Outcome,
            SafetyImpact = si.Value,
            MissionImpact = mi.Value,
            HumanImpact = hi.Outcome,
            Cisa = cisa.Outcome,
            Deployer = deployer.Outcome,
            Points = points,
            ForIt = ForIt(e.Value, a.Value, ti.Value, exp, cisa, deployer),
            ForOt = ForOt(asset, si.Value, mi.Value, exp, deployer),
        };
    }

    private static VulnerabilitySide VulnerabilityPoints(ExposureFinding finding)
    {
        var key = (finding.CvssVector, finding.Evidence);
        if (VulnerabilityCache.TryGetValue(key, out var known))
        {
            return known;
        }

        CvssVector? vector = null;
        string? unreadable = null;
        if (finding.CvssVector is { Length: > 0 } text && !CvssVector.TryParse(text, out vector, out var error))
        {
            unreadable = $"'{text}': {error.Message}";
        }

        var side = new VulnerabilitySide(
            SsvcRules.Exploitation(finding.Evidence, vector),
            SsvcRules.Automatable(vector, unreadable),
            SsvcRules.TechnicalImpact(vector, unreadable));
        if (VulnerabilityCache.Count >= VulnerabilityCacheLimit)
        {
            VulnerabilityCache.Clear();
        }

        VulnerabilityCache[key] = side;
        return side;
    }

    private sealed record VulnerabilitySide(SsvcJudgement<Exploitation> E, SsvcJudgement<Automatable> A, SsvcJudgement<TechnicalImpact> TI);

    /// <summary>The SSVC spelling used in explanations: "Track*", "Out-of-Cycle".</summary>
    public static string Title(CisaDecision decision) => decision switch
    {
        CisaDecision.Track => "Track",
        CisaDecision.TrackStar => "Track*",
        CisaDecision.Attend => "Attend",
        _ => "Act",
    };

    public static string Title(DeployerDecision decision) => decision switch
    {
        DeployerDecision.Defer => "Defer",
        DeployerDecision.Scheduled => "Scheduled",
        DeployerDecision.OutOfCycle => "Out-of-Cycle",
        _ => "Immediate",
    };

    /// <summary>What CISA's level asks of the organisation (CISA SSVC guide).</summary>
    public static string Meaning(CisaDecision decision) => decision switch
    {
        CisaDecision.Track => "no action now, remediate within standard update timelines",
        CisaDecision.TrackStar => "standard update timelines, but watch it more closely",
        CisaDecision.Attend => "supervisors' attention, remediate sooner than standard timelines",
        _ => "supervisory and leadership attention, remediate as soon as possible",
    };

    /// <summary>What the deployer priority means on the plant floor (CERT/CC's definitions in plant terms).</summary>
    public static string Meaning(DeployerDecision decision) => decision switch
    {
        DeployerDecision.Defer => "no action needed now; look again when exploitation or reach changes",
        DeployerDecision.Scheduled => "fix it in the next planned maintenance window",
        DeployerDecision.OutOfCycle => "act at the next opportunity, not the next planned shutdown",
        _ => "act now with every resource, pausing operations if necessary",
    };

    private static string ForIt(
        Exploitation e,
        Automatable a,
        TechnicalImpact ti,
        SystemExposure exp,
        SsvcTableAnswer<CisaDecision> cisa,
        SsvcTableAnswer<DeployerDecision> deployer)
    {
        var automatable = a == Automatable.Yes ? "automatable" : "not automatable";
        return $"CISA: {Title(cisa.Outcome)}; deployer: {Title(deployer.Outcome)} — exploitation {SsvcDecisionPoints.Exploitation.Spell(e)}, " +
            $"{automatable}, {SsvcDecisionPoints.TechnicalImpact.Spell(ti)} technical impact, system exposure {SsvcDecisionPoints.SystemExposure.Spell(exp)}. " +
            $"{Title(cisa.Outcome)} means {Meaning(cisa.Outcome)}.";
    }

    private static string ForOt(Asset asset, SafetyImpact si, MissionImpact mi, SystemExposure exp, SsvcTableAnswer<DeployerDecision> deployer)
    {
        var safetyReason = si switch
        {
            SafetyImpact.Catastrophic => "safety controller",
            SafetyImpact.Critical => "safety-relevant",
            SafetyImpact.Marginal when asset.IsCrownJewel => "crown jewel, not safety-relevant",
            SafetyImpact.Marginal => $"criticality {asset.Criticality}, not safety-relevant",
            _ => "not safety-relevant",
        };
        var mission = mi switch
        {
            MissionImpact.MissionFailure => "mission failure",
            MissionImpact.MefFailure => "MEF failure",
            MissionImpact.MefSupportCrippled => "MEF support crippled",
            _ => "degraded",
        };
        var first = $"Safety impact {SsvcDecisionPoints.SafetyImpact.Spell(si)} ({safetyReason}), mission impact {mission} (criticality {asset.Criticality}), " +
            $"system exposure {SsvcDecisionPoints.SystemExposure.Spell(exp)}";
        return $"{first}: {Title(deployer.Outcome)} — {Meaning(deployer.Outcome)}.";
    }

    private static SsvcPoint Point<T>(SsvcDecisionPoint<T> point, SsvcJudgement<T> judgement)
        where T : struct, Enum => new(point.Id, point.Name, point.Spell(judgement.Value), judgement.Why);

    // A point read from a table: the why cites the table row and the inputs it was read with.
    private static SsvcPoint Point<T>(SsvcDecisionPoint<T> point, SsvcTableAnswer<T> answer, params (SsvcDecisionPoint Point, Enum Value)[] inputs)
        where T : struct, Enum
    {
        var given = string.Join(", ", inputs.Select(i => $"{i.Point.Name.ToLowerInvariant()} {i.Point.Values[Convert.ToInt32(i.Value, System.Globalization.CultureInfo.InvariantCulture)]}"));
        var value = point.Spell(answer.Outcome);
        return new(point.Id, point.Name, value, $"{answer.Citation}: {given} → {value}.");
    }
}
