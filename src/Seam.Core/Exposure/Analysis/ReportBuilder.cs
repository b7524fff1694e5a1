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
        var internet = InternetEntries(index);
        var systemExposure = SystemExposures(exposure, searches, internet);
        var assetFacts = AssetFacts(exposure, searches);
        var (verdicts, reachableFindingsByAsset) = Verdicts(exposure, searches);
        var explanations = new FindingExplanations(exposure, searches, internet, systemExposure);

        var jewelAssets = Enumerable.Range(0, index.Assets.Count).Where(a => index.Assets[a].IsCrownJewel).ToArray();
        var jewelExplanations = new JewelExplanations(exposure, searches);
        var jewels = new CrownJewelStatus[jewelAssets.Length];
        for (var j = 0; j < jewels.Length; j++)
        {
            jewels[j] = JewelRow(jewelExplanations, jewelAssets[j]);
        }

        var chokePoints = !withChokePoints ? ChokePoints.NothingToCut with { Explanation = "Choke points were not computed for this run." }
            : jewels.Any(j => j.Reachable) ? RemediationPlanner.ChokePoints(exposure, exposure.CrownJewelTargets())
            : ChokePoints.NothingToCut;

        return new ExposureReport
        {
            ComputedAt = at,
            CrownJewels = jewels,
            Findings = new LazyRows<FindingExposure>(index.Findings.Count, f => FindingRow(explanations, f, verdicts[f])),
            Assets = new LazyRows<AssetExposure>(index.Assets.Count, a => AssetRow(index.Assets[a], assetFacts[a])),
            EntryPoints = EntryRows(exposure, searches),
            ChokePoints = chokePoints,
            Scores = Scores(index, assetFacts, reachableFindingsByAsset),
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

    /// <summary>What the report knows about one asset, before it is written out as a row.</summary>
    private readonly record struct AssetFact(ExposureLevel Level, bool Controllable, bool Manipulable, double Likelihood, double Weight, int EntryPointCount);

    private static AssetFact[] AssetFacts(ExposureGraph exposure, Propagated searches)
    {
        var likely = searches.Likely;
        var facts = new AssetFact[exposure.Index.Assets.Count];
        for (var a = 0; a < facts.Length; a++)
        {
            var asset = exposure.Index.Assets[a];
            var c = exposure.ControlNode[a];
            var m = exposure.ManipulateNode[a];
            var controllable = likely.Reached(c);
            var manipulable = likely.Reached(m);
            var p = Math.Max(likely.Likelihood[c], likely.Likelihood[m]);
            var union = 0;
            var cm = searches.Reach.Of(c);
            var mm = searches.Reach.Of(m);
            for (var w = 0; w < cm.Length; w++)
            {
                union += System.Numerics.BitOperations.PopCount(cm[w] | mm[w]);
            }

            facts[a] = new AssetFact(Level(asset, controllable, manipulable, p), controllable, manipulable, p, Weight(asset), union);
        }

        return facts;
    }

    private static AssetExposure AssetRow(Asset asset, AssetFact fact)
    {
        var why = fact.Level == ExposureLevel.None
            ? $"No entry point reaches control of {asset.Name} or the process through it."
            : $"{(fact.Manipulable ? "The process can be manipulated through" : "An attacker can control")} {asset.Name} with likelihood {Likelihoods.Percent(fact.Likelihood)} from {fact.EntryPointCount} entry point(s); weight {fact.Weight.ToString("0", CultureInfo.InvariantCulture)} (criticality {asset.Criticality}{(asset.SafetyRelevant ? ", safety-relevant" : string.Empty)}{(asset.IsCrownJewel ? ", crown jewel" : string.Empty)}).";
        return new AssetExposure
        {
            AssetId = asset.Id,
            Level = fact.Level,
            Controllable = fact.Controllable,
            Manipulable = fact.Manipulable,
            Likelihood = fact.Likelihood,
            Weight = fact.Weight,
            EntryPointCount = fact.EntryPointCount,
            Why = why,
        };
    }

    /// <summary>Per finding its verdict, and per asset how many of its findings are reachable and exploitable.</summary>
    private static (FindingVerdict[] Verdicts, int[] ReachableByAsset) Verdicts(ExposureGraph exposure, Propagated searches)
    {
        var graph = exposure.Graph;
        var verdicts = new FindingVerdict[exposure.Index.Findings.Count];
        var reachableByAsset = new int[exposure.Index.Assets.Count];
        for (var f = 0; f < verdicts.Length; f++)
        {
            var node = exposure.ExploitNode[f];
            var reached = node >= 0 && searches.Likely.Reached(node);
            verdicts[f] = Verdict(exposure.Steps[f].Reach == ExploitReach.Closed, reached);
            if (reached)
            {
                // An exploit node has one way out: control of its own asset.
                reachableByAsset[graph.SubjectOf(graph.Target(graph.OutEdges(node).Start))]++;
            }
        }

        return (verdicts, reachableByAsset);
    }

    /// <summary>Per entry point, the assets and crown jewels whose control or manipulation it reaches.</summary>
    private static List<EntryPointReach> EntryRows(ExposureGraph exposure, Propagated searches)
    {
        var index = exposure.Index;
        var assetsReached = new int[index.Entries.Count];
        var jewelsReached = new int[index.Entries.Count];
        for (var a = 0; a < index.Assets.Count; a++)
        {
            var jewel = index.Assets[a].IsCrownJewel;
            var c = searches.Reach.Of(exposure.ControlNode[a]);
            var m = searches.Reach.Of(exposure.ManipulateNode[a]);
            for (var w = 0; w < c.Length; w++)
            {
                for (var bits = c[w] | m[w]; bits != 0; bits &= bits - 1)
                {
                    var e = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    assetsReached[e]++;
                    jewelsReached[e] += jewel ? 1 : 0;
                }
            }
        }

        var rows = new List<EntryPointReach>(index.Entries.Count);
        for (var e = 0; e < index.Entries.Count; e++)
        {
            var entry = index.Entries[e];
            rows.Add(new EntryPointReach
            {
                EntryPointId = entry.Id,
                Name = entry.Name,
                Kind = entry.Kind,
                Likelihood = exposure.Graph.SourceLikelihood[e],
                LikelihoodWhy = exposure.EntryLikelihoodWhy[e],
                IsAccessGrant = entry.IsAccessGrant,
                AssetsReached = assetsReached[e],
                CrownJewelsReached = jewelsReached[e],
            });
        }

        return rows;
    }

    /// <summary>Per asset, its SSVC System Exposure read from the entry masks (the explanation is worked out when read).</summary>
    private static SystemExposure[] SystemExposures(ExposureGraph exposure, Propagated searches, bool[] internet)
    {
        var reach = searches.Reach;
        var internetMask = InternetMask(internet, reach.Words);
        Span<ulong> union = stackalloc ulong[reach.Words];
        var result = new SystemExposure[exposure.Index.Assets.Count];
        for (var a = 0; a < result.Length; a++)
        {
            var n = reach.Of(exposure.NetworkReachNode[a]);
            var c = reach.Of(exposure.ControlNode[a]);
            var m = reach.Of(exposure.ManipulateNode[a]);
            for (var w = 0; w < union.Length; w++)
            {
                union[w] = n[w] | c[w] | m[w];
            }

            result[a] = SystemExposureOf(union, internetMask);
        }

        return result;
    }

    /// <summary>The internet entry points as an entry mask of <paramref name="words"/> words.</summary>
    internal static ulong[] InternetMask(bool[] internet, int words)
    {
        var mask = new ulong[words];
        for (var e = 0; e < internet.Length; e++)
        {
            if (internet[e])
            {
                mask[e >> 6] |= 1UL << (e & 63);
            }
        }

        return mask;
    }

    /// <summary>SSVC System Exposure from the entry points that reach, control or manipulate an asset: open when an internet one does, controlled when another does, small otherwise.</summary>
    internal static SystemExposure SystemExposureOf(ReadOnlySpan<ulong> entries, ReadOnlySpan<ulong> internetMask)
    {
        var any = false;
        for (var w = 0; w < entries.Length; w++)
        {
            if ((entries[w] & internetMask[w]) != 0)
            {
                return SystemExposure.Open;
            }

            any |= entries[w] != 0;
        }

        return any ? SystemExposure.Controlled : SystemExposure.Small;
    }

    /// <summary>Closed when nothing is left to exploit, reachable and exploitable when an attacker gets to its exploit step, theoretical otherwise.</summary>
    internal static FindingVerdict Verdict(bool closed, bool exploitReached) =>
        closed ? FindingVerdict.Closed : exploitReached ? FindingVerdict.ReachableAndExploitable : FindingVerdict.Theoretical;

    /// <summary>100 × Σ(weight × likelihood) / Σ weight, to two decimals; 0 for a scope without weight.</summary>
    internal static double Score(double weighted, double total) => total == 0 ? 0 : Math.Round(100 * weighted / total, 2);

    private static FindingExposure FindingRow(FindingExplanations explanations, int f, FindingVerdict verdict)
    {
        var exposure = explanations.Exposure;
        var finding = exposure.Index.Findings[f];
        var node = exposure.ExploitNode[f];
        var likely = explanations.Searches.Likely;
        return new FindingExposure
        {
            FindingId = finding.Id,
            AssetId = finding.AssetId,
            VulnerabilityId = finding.VulnerabilityId,
            Verdict = verdict,
            StepLikelihood = exposure.Steps[f].Likelihood,
            PathLikelihood = verdict == FindingVerdict.ReachableAndExploitable ? likely.Likelihood[node] : 0,
            Exposure = explanations.SystemExposureOfFinding(f),
            EntryPointCount = node >= 0 ? explanations.Searches.Reach.Count(node) : 0,
            Explanations = explanations,
            Position = f,
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

    internal static string Reason(ExposureGraph exposure, Propagated searches, int f, FindingVerdict verdict, int a)
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

    private static CrownJewelStatus JewelRow(JewelExplanations explanations, int a)
    {
        var exposure = explanations.Exposure;
        var searches = explanations.Searches;
        var index = exposure.Index;
        var asset = index.Assets[a];
        var c = exposure.ControlNode[a];
        var m = exposure.ManipulateNode[a];
        var likely = searches.Likely;
        var reachable = likely.Reached(c) || likely.Reached(m);
        var manipulable = likely.Reached(m);
        var entryIds = new List<string>();
        var cm = searches.Reach.Of(c);
        var mm = searches.Reach.Of(m);
        for (var w = 0; w < cm.Length; w++)
        {
            for (var bits = cm[w] | mm[w]; bits != 0; bits &= bits - 1)
            {
                entryIds.Add(index.Entries[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)].Id);
            }
        }

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
            EntryPointIds = entryIds,
            ForOt = forOt,
            Explanations = explanations,
            AssetPosition = a,
        };
    }

    /// <summary>Score = 100 × Σ(weight × likelihood) / Σ weight over the scope's assets.</summary>
    private static List<ExposureScore> Scores(ModelIndex index, AssetFact[] assets, int[] reachableFindings)
    {
        var overall = new ScoreSum();
        var bySite = new Dictionary<string, ScoreSum>(StringComparer.Ordinal);
        var byZone = new Dictionary<string, ScoreSum>(StringComparer.Ordinal);
        foreach (var site in index.Sites)
        {
            bySite.TryAdd(site.Id, new ScoreSum());
        }

        foreach (var zone in index.Zones)
        {
            byZone.TryAdd(zone.Id, new ScoreSum());
        }

        for (var a = 0; a < assets.Length; a++)
        {
            var asset = index.Assets[a];
            overall.Add(assets[a], reachableFindings[a]);
            if (bySite.TryGetValue(asset.SiteId, out var site))
            {
                site.Add(assets[a], reachableFindings[a]);
            }

            if (asset.ZoneId is { } zoneId && byZone.TryGetValue(zoneId, out var zone))
            {
                zone.Add(assets[a], reachableFindings[a]);
            }
        }

        var scores = new List<ExposureScore>(1 + index.Sites.Count + index.Zones.Count) { overall.Score(ScoreScope.Overall, null, "Overall") };
        scores.AddRange(index.Sites.Select(site => bySite[site.Id].Score(ScoreScope.Site, site.Id, site.Name)));
        scores.AddRange(index.Zones.Select(zone => byZone[zone.Id].Score(ScoreScope.Zone, zone.Id, zone.Name)));
        return scores;
    }

    private sealed class ScoreSum
    {
        private double weighted;
        private double total;
        private int count;
        private int reachable;
        private int manipulable;
        private int findings;

        public void Add(AssetFact asset, int reachableFindings)
        {
            weighted += asset.Weight * asset.Likelihood;
            total += asset.Weight;
            count++;
            reachable += asset.Level != ExposureLevel.None ? 1 : 0;
            manipulable += asset.Manipulable ? 1 : 0;
            findings += reachableFindings;
        }

        public ExposureScore Score(ScoreScope scope, string? id, string name) =>
            new(scope, id, name, ReportBuilder.Score(weighted, total), count, reachable, manipulable, findings);
    }
}
