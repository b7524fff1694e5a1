using System.Globalization;
using Seam.Exposure.Graph;
using Seam.Exposure.Planning;
using Seam.Exposure.Ssvc;
using Seam.Inventory;

namespace Seam.Exposure.Analysis;

/// <summary>The searches of one recompute, kept together so what-ifs and lazy explanations can read them.</summary>
public sealed record Propagated(LikelihoodTree Likely, HopTree Fewest, EntryReach Reach);

/// <summary>Reads an <see cref="ExposureReport"/> off the attack graph and its searches.</summary>
public static class ReportBuilder
{
    public static ExposureReport Build(ExposureGraph exposure, Propagated searches, DateTimeOffset at, bool withChokePoints = true)
    {
        var index = exposure.Index;
        var graph = exposure.Graph;
        var likely = searches.Likely;
        var reach = searches.Reach;
        var explainer = new PathExplainer(exposure);
        var internet = InternetEntries(index);
        var assetExposure = SystemExposures(exposure, searches, internet);

        var assets = new AssetExposure[index.Assets.Count];
        var assetLikelihood = new double[index.Assets.Count];
        for (var a = 0; a < assets.Length; a++)
        {
            assets[a] = AssetRow(exposure, searches, a);
            assetLikelihood[a] = assets[a].Likelihood;
        }

        var findings = new FindingExposure[index.Findings.Count];
        var reachableFindingsByAsset = new int[index.Assets.Count];
        for (var f = 0; f < findings.Length; f++)
        {
            findings[f] = FindingRow(exposure, searches, explainer, internet, assetExposure, f);
            if (findings[f].Verdict == FindingVerdict.ReachableAndExploitable && index.AssetIndex.TryGetValue(findings[f].AssetId, out var owner))
            {
                reachableFindingsByAsset[owner]++;
            }
        }

        var jewels = new List<CrownJewelStatus>();
        for (var a = 0; a < index.Assets.Count; a++)
        {
            if (index.Assets[a].IsCrownJewel)
            {
                jewels.Add(JewelRow(exposure, searches, explainer, a));
            }
        }

        var entries = new List<EntryPointReach>(index.Entries.Count);
        for (var e = 0; e < index.Entries.Count; e++)
        {
            var entry = index.Entries[e];
            int assetsReached = 0, jewelsReached = 0;
            for (var a = 0; a < index.Assets.Count; a++)
            {
                if (reach.Reaches(exposure.ControlNode[a], e) || reach.Reaches(exposure.ManipulateNode[a], e))
                {
                    assetsReached++;
                    jewelsReached += index.Assets[a].IsCrownJewel ? 1 : 0;
                }
            }

            entries.Add(new EntryPointReach
            {
                EntryPointId = entry.Id,
                Name = entry.Name,
                Kind = entry.Kind,
                Likelihood = graph.SourceLikelihood[e],
                LikelihoodWhy = exposure.EntryLikelihoodWhy[e],
                IsAccessGrant = entry.IsAccessGrant,
                AssetsReached = assetsReached,
                CrownJewelsReached = jewelsReached,
            });
        }

        var chokePoints = !withChokePoints ? ChokePoints.NothingToCut with { Explanation = "Choke points were not computed for this run." }
            : jewels.Any(j => j.Reachable) ? RemediationPlanner.ChokePoints(exposure, exposure.CrownJewelTargets())
            : ChokePoints.NothingToCut;

        return new ExposureReport
        {
            ComputedAt = at,
            CrownJewels = jewels,
            Findings = findings,
            Assets = assets,
            EntryPoints = entries,
            ChokePoints = chokePoints,
            Scores = Scores(index, assets, reachableFindingsByAsset),
        };
    }

    /// <summary>Bit mask test: does an internet entry point reach the node?</summary>
    internal static bool[] InternetEntries(ModelIndex index) => [.. index.Entries.Select(e => e.Kind == EntryPointKind.Internet)];

    /// <summary>Impact weight of an asset in the score: criticality × 3 when safety-relevant × 2 when a crown jewel.</summary>
    public static double Weight(Asset asset) => Math.Clamp(asset.Criticality, 1, 5) * (asset.SafetyRelevant ? 3 : 1) * (asset.IsCrownJewel ? 2 : 1);

    /// <summary>
    /// None: unreachable. Critical: the process can be manipulated through a safety-relevant asset or crown jewel with
    /// likelihood ≥ 10%. High: control or manipulation with likelihood ≥ 10%, or any reach of a safety-relevant asset or
    /// crown jewel. Medium: likelihood ≥ 1%. Low: reachable below that.
    /// </summary>
    public static ExposureLevel Level(Asset asset, bool controllable, bool manipulable, double likelihood)
    {
        if (!controllable && !manipulable)
        {
            return ExposureLevel.None;
        }

        var important = asset.SafetyRelevant || asset.IsCrownJewel;
        if (manipulable && important && likelihood >= 0.1)
        {
            return ExposureLevel.Critical;
        }

        if (likelihood >= 0.1 || important)
        {
            return ExposureLevel.High;
        }

        return likelihood >= 0.01 ? ExposureLevel.Medium : ExposureLevel.Low;
    }

    private static AssetExposure AssetRow(ExposureGraph exposure, Propagated searches, int a)
    {
        var asset = exposure.Index.Assets[a];
        var c = exposure.ControlNode[a];
        var m = exposure.ManipulateNode[a];
        var pc = searches.Likely.Likelihood[c];
        var pm = searches.Likely.Likelihood[m];
        var controllable = searches.Likely.Reached(c);
        var manipulable = searches.Likely.Reached(m);
        var p = Math.Max(pc, pm);
        var union = 0;
        var cm = searches.Reach.Of(c);
        var mm = searches.Reach.Of(m);
        for (var w = 0; w < cm.Length; w++)
        {
            union += System.Numerics.BitOperations.PopCount(cm[w] | mm[w]);
        }

        var level = Level(asset, controllable, manipulable, p);
        var why = level == ExposureLevel.None
            ? $"No entry point reaches control of {asset.Name} or the process through it."
            : $"{(manipulable ? "The process can be manipulated through" : "An attacker can control")} {asset.Name} with likelihood {Likelihoods.Percent(p)} from {union} entry point(s); weight {Weight(asset).ToString("0", CultureInfo.InvariantCulture)} (criticality {asset.Criticality}{(asset.SafetyRelevant ? ", safety-relevant" : string.Empty)}{(asset.IsCrownJewel ? ", crown jewel" : string.Empty)}).";
        return new AssetExposure
        {
            AssetId = asset.Id,
            Level = level,
            Controllable = controllable,
            Manipulable = manipulable,
            Likelihood = p,
            Weight = Weight(asset),
            EntryPointCount = union,
            Why = why,
        };
    }

    /// <summary>Per asset, its SSVC System Exposure read from the entry masks (the explanation is worked out when read).</summary>
    private static SystemExposure[] SystemExposures(ExposureGraph exposure, Propagated searches, bool[] internet)
    {
        var reach = searches.Reach;
        var internetMask = new ulong[reach.Words];
        for (var e = 0; e < internet.Length; e++)
        {
            if (internet[e])
            {
                internetMask[e >> 6] |= 1UL << (e & 63);
            }
        }

        var result = new SystemExposure[exposure.Index.Assets.Count];
        for (var a = 0; a < result.Length; a++)
        {
            var n = reach.Of(exposure.NetworkReachNode[a]);
            var c = reach.Of(exposure.ControlNode[a]);
            var m = reach.Of(exposure.ManipulateNode[a]);
            var any = false;
            var open = false;
            for (var w = 0; w < n.Length; w++)
            {
                var bits = n[w] | c[w] | m[w];
                any |= bits != 0;
                open |= (bits & internetMask[w]) != 0;
            }

            result[a] = open ? SystemExposure.Open : any ? SystemExposure.Controlled : SystemExposure.Small;
        }

        return result;
    }

    private static FindingExposure FindingRow(ExposureGraph exposure, Propagated searches, PathExplainer explainer, bool[] internet,
        SystemExposure[] assetExposure, int f)
    {
        var index = exposure.Index;
        var finding = index.Findings[f];
        var step = exposure.Steps[f];
        var node = exposure.ExploitNode[f];
        var hasAsset = index.AssetIndex.TryGetValue(finding.AssetId, out var a);
        var likely = searches.Likely;
        var reached = node >= 0 && likely.Reached(node);
        var verdict = step.Reach == ExploitReach.Closed ? FindingVerdict.Closed
            : reached ? FindingVerdict.ReachableAndExploitable
            : FindingVerdict.Theoretical;
        var exposureValue = hasAsset ? assetExposure[a] : SystemExposure.Small;
        var entryCount = node >= 0 ? searches.Reach.Count(node) : 0;
        return new FindingExposure
        {
            FindingId = finding.Id,
            AssetId = finding.AssetId,
            VulnerabilityId = finding.VulnerabilityId,
            Verdict = verdict,
            StepLikelihood = step.Likelihood,
            PathLikelihood = reached ? likely.Likelihood[node] : 0,
            Exposure = exposureValue,
            EntryPointCount = entryCount,
            StepWhySource = new Lazy<string>(() => step.Why),
            BestPathSource = new Lazy<AttackPath?>(() => reached
                ? explainer.PathTo(node, a, likely.ParentEdge, likely.ParentNode, likely.Origin, AttackerState.ControlsAsset)
                : null),
            EntryPointIdsSource = new Lazy<IReadOnlyList<string>>(() => node >= 0 ? [.. searches.Reach.EntriesOf(node).Select(e => index.Entries[e].Id)] : []),
            ReasonSource = new Lazy<string>(() => Reason(exposure, searches, f, verdict, hasAsset ? a : -1)),
            SsvcSource = new Lazy<SsvcAssessment>(() => SsvcAssessor.Assess(new SsvcInputs(finding,
                hasAsset ? index.Assets[a] : new Asset { Id = finding.AssetId, SiteId = string.Empty, Name = finding.AssetId }, exposureValue,
                hasAsset ? SystemExposureOf(exposure, searches, internet, a).Why : "The asset is not in the inventory."))),
        };
    }

    /// <summary>SSVC System Exposure of the asset: open when an internet entry point reaches it, controlled when another does, small otherwise.</summary>
    internal static (SystemExposure Value, string Why) SystemExposureOf(ExposureGraph exposure, Propagated searches, bool[] internet, int a)
    {
        var index = exposure.Index;
        var asset = index.Assets[a];
        var nodes = new[] { exposure.NetworkReachNode[a], exposure.ControlNode[a], exposure.ManipulateNode[a] };
        var reaching = nodes.SelectMany(searches.Reach.EntriesOf).Distinct().OrderBy(e => e).ToList();
        var fromInternet = reaching.Where(e => internet[e]).ToList();
        if (fromInternet.Count > 0)
        {
            return (SystemExposure.Open, $"{asset.Name} is reachable from the internet ({index.Entries[fromInternet[0]].Name}).");
        }

        if (reaching.Count > 0)
        {
            var names = string.Join(", ", reaching.Take(3).Select(e => index.Entries[e].Name));
            return (SystemExposure.Controlled, $"{asset.Name} is reachable only through controlled paths ({names}{(reaching.Count > 3 ? ", …" : string.Empty)}), not from the internet.");
        }

        return (SystemExposure.Small, $"No entry point reaches {asset.Name}.");
    }

    private static string Reason(ExposureGraph exposure, Propagated searches, int f, FindingVerdict verdict, int a)
    {
        var index = exposure.Index;
        var finding = index.Findings[f];
        var step = exposure.Steps[f];
        if (a < 0)
        {
            return $"{finding.AssetId} is not in the inventory.";
        }

        var asset = index.Assets[a];
        switch (verdict)
        {
            case FindingVerdict.Closed:
                return step.Why;
            case FindingVerdict.ReachableAndExploitable:
                {
                    var node = exposure.ExploitNode[f];
                    var entry = index.Entries[searches.Likely.Origin[node]];
                    return $"Reachable and exploitable: {searches.Reach.Count(node)} entry point(s) reach it; the most likely path starts at {entry.Name} "
                        + $"and succeeds with {Likelihoods.Percent(searches.Likely.Likelihood[node])}.";
                }
        }

        if (step.Reach == ExploitReach.LocalOrPhysical)
        {
            return $"Theoretical: {finding.VulnerabilityId} needs local or physical access to {asset.Name} (CVSS attack vector); no network path exploits it.";
        }

        var zone = asset.ZoneId is { } z && index.ZoneIndex.TryGetValue(z, out var zi) ? index.Zones[zi] : null;
        if (step.Reach == ExploitReach.Adjacent)
        {
            return $"Theoretical: an adjacent-network vulnerability, and no attacker gets a foothold in {(zone is null ? "the asset's segment" : "zone " + zone.Name)}.";
        }

        if (zone is null)
        {
            return $"Theoretical: {asset.Name} is not placed in a zone and no rule, flow or remote path reaches it.";
        }

        if (asset.Services.Count == 0)
        {
            return $"Theoretical: no entry point gets into zone {zone.Name}, and {asset.Name} declares no services a conduit could carry.";
        }

        return $"Theoretical: no entry point reaches {asset.Name} in zone {zone.Name} — no conduit, allow rule, flow or remote path carries traffic to its services from anywhere an attacker can be.";
    }

    private static CrownJewelStatus JewelRow(ExposureGraph exposure, Propagated searches, PathExplainer explainer, int a)
    {
        var index = exposure.Index;
        var asset = index.Assets[a];
        var c = exposure.ControlNode[a];
        var m = exposure.ManipulateNode[a];
        var likely = searches.Likely;
        var fewest = searches.Fewest;
        var reachable = likely.Reached(c) || likely.Reached(m);
        var manipulable = likely.Reached(m);
        var best = likely.Likelihood[m] >= likely.Likelihood[c] ? m : c;
        var bestOutcome = best == m ? AttackerState.CanManipulateProcess : AttackerState.ControlsAsset;
        var mostLikely = reachable ? explainer.PathTo(best, a, likely.ParentEdge, likely.ParentNode, likely.Origin, bestOutcome) : null;
        var near = fewest.Hops[m] <= fewest.Hops[c] ? m : c;
        var shortest = reachable ? explainer.PathTo(near, a, fewest.ParentEdge, fewest.ParentNode, fewest.Origin,
            near == m ? AttackerState.CanManipulateProcess : AttackerState.ControlsAsset) : null;
        var entryIds = searches.Reach.EntriesOf(c).Union(searches.Reach.EntriesOf(m)).OrderBy(e => e).Select(e => index.Entries[e].Id).ToList();
        string Name(string id) => index.AssetIndex.TryGetValue(id, out var i) ? index.Assets[i].Name : id;
        var forIt = reachable
            ? $"Reachable from {entryIds.Count} entry point(s); most likely path ({Likelihoods.Percent(mostLikely!.Likelihood)}): {PathExplainer.Summary(mostLikely, Name)}; shortest: {shortest!.Hops.Count - 1} hop(s)."
            : $"No entry point reaches {asset.Name}: every path is cut by the zones and conduits as they are.";
        var forOt = reachable
            ? $"{(manipulable ? "An attacker can change the process through" : "An attacker can take over")} {asset.Name}{(asset.ProcessLine is null ? string.Empty : " on " + asset.ProcessLine)}{(asset.SafetyRelevant ? " — a safety-relevant system" : string.Empty)}."
            : $"{asset.Name} is out of reach from outside as the plant is built today.";
        return new CrownJewelStatus
        {
            AssetId = asset.Id,
            Name = asset.Name,
            SiteId = asset.SiteId,
            ZoneId = asset.ZoneId,
            SafetyRelevant = asset.SafetyRelevant,
            Reachable = reachable,
            Manipulable = manipulable,
            Likelihood = Math.Max(likely.Likelihood[c], likely.Likelihood[m]),
            MostLikelyPath = mostLikely,
            ShortestPath = shortest,
            EntryPointIds = entryIds,
            ForIt = forIt,
            ForOt = forOt,
        };
    }

    /// <summary>Score = 100 × Σ(weight × likelihood) / Σ weight over the scope's assets.</summary>
    private static IReadOnlyList<ExposureScore> Scores(ModelIndex index, AssetExposure[] assets, int[] reachableFindings)
    {
        var scores = new List<ExposureScore> { Score(ScoreScope.Overall, null, "Overall", Enumerable.Range(0, assets.Length), assets, reachableFindings) };
        var bySite = Enumerable.Range(0, assets.Length).ToLookup(a => index.Assets[a].SiteId, StringComparer.Ordinal);
        foreach (var site in index.Sites)
        {
            scores.Add(Score(ScoreScope.Site, site.Id, site.Name, bySite[site.Id], assets, reachableFindings));
        }

        var byZone = Enumerable.Range(0, assets.Length).Where(a => index.Assets[a].ZoneId is not null)
            .ToLookup(a => index.Assets[a].ZoneId!, StringComparer.Ordinal);
        foreach (var zone in index.Zones)
        {
            scores.Add(Score(ScoreScope.Zone, zone.Id, zone.Name, byZone[zone.Id], assets, reachableFindings));
        }

        return scores;
    }

    private static ExposureScore Score(ScoreScope scope, string? id, string name, IEnumerable<int> members, AssetExposure[] assets, int[] reachableFindings)
    {
        double weighted = 0, total = 0;
        int count = 0, reachable = 0, manipulable = 0, findings = 0;
        foreach (var a in members)
        {
            var row = assets[a];
            weighted += row.Weight * row.Likelihood;
            total += row.Weight;
            count++;
            reachable += row.Level != ExposureLevel.None ? 1 : 0;
            manipulable += row.Manipulable ? 1 : 0;
            findings += reachableFindings[a];
        }

        var score = total == 0 ? 0 : Math.Round(100 * weighted / total, 2);
        return new ExposureScore(scope, id, name, score, count, reachable, manipulable, findings);
    }
}
