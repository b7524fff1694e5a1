using System.Runtime.CompilerServices;
using Seam.Exposure.Analysis;
using Seam.Exposure.Graph;
using Seam.Exposure.Model;
using Seam.Exposure.Ssvc;
using Seam.Intelligence.Cvss;
using Seam.Inventory;

namespace Seam.Exposure.WhatIf;

/// <summary>What a what-if reads off one baseline besides its searches, worked out once per analysis.</summary>
internal sealed class WhatIfBaseline
{
    private static readonly ConditionalWeakTable<ExposureAnalysis, WhatIfBaseline> Cache = new();

    private readonly int[] findingStart;
    private readonly int[] findings;

    private WhatIfBaseline(ExposureAnalysis analysis)
    {
        Analysis = analysis;
        Search = SearchBaseline.For(analysis.Graph.Graph, analysis.Searches);
        var index = Exposure.Index;
        var owner = new int[index.Findings.Count];
        findingStart = new int[index.Assets.Count + 1];
        for (var f = 0; f < owner.Length; f++)
        {
            owner[f] = index.AssetIndex.TryGetValue(index.Findings[f].AssetId, out var a) ? a : -1;
            if (owner[f] >= 0)
            {
                findingStart[owner[f] + 1]++;
            }
        }

        for (var a = 0; a < index.Assets.Count; a++)
        {
            findingStart[a + 1] += findingStart[a];
        }

        var fill = (int[])findingStart.Clone();
        findings = new int[findingStart[^1]];
        for (var f = 0; f < owner.Length; f++)
        {
            if (owner[f] >= 0)
            {
                findings[fill[owner[f]]++] = f;
            }
        }

        // Read from the searches as the report's asset rows read them, not from the rows: those are made when first read,
        // each with its explanation, and a what-if needs a few of them, not a hundred thousand.
        var reach = analysis.Searches.Reach;
        var likely = analysis.Searches.Likely;
        var assets = index.Assets;
        var words = reach.Words;
        AssetLikelihood = new double[assets.Count];
        AssetWeight = new double[assets.Count];
        AssetEntries = new ulong[assets.Count * words];
        for (var a = 0; a < assets.Count; a++)
        {
            AssetLikelihood[a] = Math.Max(likely.Likelihood[Exposure.ControlNode[a]], likely.Likelihood[Exposure.ManipulateNode[a]]);
            AssetWeight[a] = ReportBuilder.Weight(assets[a]);
            var union = AssetEntries.AsSpan(a * words, words);
            foreach (var node in (ReadOnlySpan<int>)[Exposure.NetworkReachNode[a], Exposure.ControlNode[a], Exposure.ManipulateNode[a]])
            {
                var bits = reach.Of(node);
                for (var w = 0; w < words; w++)
                {
                    union[w] |= bits[w];
                }
            }
        }

        JewelAssets = [.. analysis.Report.CrownJewels.Select(j => index.AssetIndex[j.AssetId])];

        InternetMask = ReportBuilder.InternetMask(ReportBuilder.InternetEntries(index), words);
    }

    public ExposureAnalysis Analysis { get; }

    public ExposureGraph Exposure => Analysis.Graph;

    public SearchBaseline Search { get; }

    /// <summary>Per asset index: the likelihood of control or manipulation in the baseline report.</summary>
    public double[] AssetLikelihood { get; }

    /// <summary>Per asset index: its weight in the score.</summary>
    public double[] AssetWeight { get; }

    /// <summary>Per asset index: the entry points that reach, control or manipulate it, as one mask (what SSVC System Exposure reads).</summary>
    public ulong[] AssetEntries { get; }

    /// <summary>Asset index of each crown jewel, in the report's order.</summary>
    public int[] JewelAssets { get; }

    /// <summary>Entry points of kind internet, as an entry mask (SSVC System Exposure is open when one reaches an asset).</summary>
    public ulong[] InternetMask { get; }

    public static WhatIfBaseline For(ExposureAnalysis analysis) => Cache.GetValue(analysis, a => new WhatIfBaseline(a));

    /// <summary>Finding indexes on an asset, in index order.</summary>
    public ReadOnlySpan<int> FindingsOf(int asset) => findings.AsSpan(findingStart[asset], findingStart[asset + 1] - findingStart[asset]);

    /// <summary>SSVC System Exposure from an asset's entry mask (reach, control and manipulation together).</summary>
    public SystemExposure ExposureOf(ReadOnlySpan<ulong> mask) => ReportBuilder.SystemExposureOf(mask, InternetMask);
}

/// <summary>
/// A what-if worked out from the baseline's searches instead of a rebuild, for scenarios that only take reach away
/// (<see cref="GraphRemovals"/>): the searches are updated where the scenario touches them, and only the assets,
/// findings and crown jewels whose nodes changed get new rows. Gives the same <see cref="WhatIfResult"/> as
/// <see cref="WhatIfComparer.Compare"/> on a rebuilt analysis (between equally likely paths it may pick another).
/// </summary>
internal static class IncrementalWhatIf
{
    /// <summary>The what-if, or null when the scenario adds reach and needs a rebuild.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static WhatIfResult? TryCompare(ExposureAnalysis before, Scenario scenario)
    {
        if (!GraphRemovals.OnlyRemoves(scenario))
        {
            return null;
        }

        var baseline = WhatIfBaseline.For(before);
        var removals = GraphRemovals.Of(baseline, scenario);
        if (removals is null)
        {
            return null;
        }

        using var after = new IncrementalSearch(baseline.Search, removals.Nodes, removals.LowerSourceLikelihood);
        var report = before.Report;
        var (levels, assetLikelihood, reachableAssets, manipulableAssets) = Levels(baseline, after);
        var (verdicts, verdictAfter, reachableFindings) = Verdicts(baseline, after, removals.PatchedFindings);
        var ssvc = SsvcChanges(baseline, after, verdictAfter);
        var (removed, cutOff) = JewelChanges(baseline, after);

        var overall = report.Overall;
        double weighted = 0, total = 0;
        var weights = baseline.AssetWeight;
        for (var a = 0; a < assetLikelihood.Length; a++)
        {
            weighted += weights[a] * assetLikelihood[a];
            total += weights[a];
        }

        var scoreAfter = overall with
        {
            Score = ReportBuilder.Score(weighted, total),
            ReachableAssets = overall.ReachableAssets + reachableAssets,
            ManipulableAssets = overall.ManipulableAssets + manipulableAssets,
            ReachableFindings = overall.ReachableFindings + reachableFindings,
        };

        // Taking reach away adds no path and makes no crown jewel reachable.
        return WhatIfComparer.Result(scenario, overall, scoreAfter, removed, [], [], cutOff, verdicts, ssvc, levels);
    }

    /// <summary>Level changes of the assets whose control or manipulation node changed; every asset's likelihood after; count changes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (List<LevelChange> Changes, double[] Likelihood, int Reachable, int Manipulable) Levels(WhatIfBaseline baseline, IncrementalSearch after)
    {
        var exposure = baseline.Exposure;
        var graph = exposure.Graph;
        var rows = baseline.Analysis.Report.Assets;
        var likelihood = (double[])baseline.AssetLikelihood.Clone();

        var changed = new List<int>();
        foreach (var node in after.Affected)
        {
            if (graph.KindOf(node) is NodeKind.Control or NodeKind.Manipulate)
            {
                changed.Add(graph.SubjectOf(node));
            }
        }

        changed.Sort();

        var changes = new List<LevelChange>();
        int reachable = 0, manipulable = 0;
        for (var i = 0; i < changed.Count; i++)
        {
            var a = changed[i];
            if (i > 0 && changed[i - 1] == a)
            {
                continue;
            }

            var row = rows[a];
            var c = exposure.ControlNode[a];
            var m = exposure.ManipulateNode[a];
            var canManipulate = after.Reached(m);
            likelihood[a] = Math.Max(after.Likelihood(c), after.Likelihood(m));
            var level = ReportBuilder.Level(exposure.Index.Assets[a], after.Reached(c), canManipulate, likelihood[a]);
            if (level != row.Level)
            {
                changes.Add(new LevelChange(row.AssetId, row.Level, level));
            }

            reachable += (level != ExposureLevel.None ? 1 : 0) - (row.Level != ExposureLevel.None ? 1 : 0);
            manipulable += (canManipulate ? 1 : 0) - (row.Manipulable ? 1 : 0);
        }

        return (changes, likelihood, reachable, manipulable);
    }

    /// <summary>Verdict changes of the findings whose exploit node changed or that were patched.</summary>
    private static (List<VerdictChange> Changes, Dictionary<int, FindingVerdict> After, int Reachable) Verdicts(WhatIfBaseline baseline, IncrementalSearch after,
        IReadOnlySet<int> patched)
    {
        var exposure = baseline.Exposure;
        var graph = exposure.Graph;
        var rows = baseline.Analysis.Report.Findings;
        var candidates = new List<int>(patched);
        foreach (var node in after.Affected)
        {
            if (graph.KindOf(node) == NodeKind.Exploit)
            {
                candidates.Add(graph.SubjectOf(node));
            }
        }

        candidates.Sort();

        var changes = new List<VerdictChange>();
        var verdicts = new Dictionary<int, FindingVerdict>();
        var reachable = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var f = candidates[i];
            if (i > 0 && candidates[i - 1] == f)
            {
                continue;
            }

            var node = exposure.ExploitNode[f];
            var verdict = ReportBuilder.Verdict(patched.Contains(f) || exposure.Steps[f].Reach == ExploitReach.Closed, node >= 0 && after.Reached(node));
            verdicts[f] = verdict;
            var row = rows[f];
            if (verdict != row.Verdict)
            {
                changes.Add(new VerdictChange(row.FindingId, row.AssetId, row.VulnerabilityId, row.Verdict, verdict));
                reachable += (verdict == FindingVerdict.ReachableAndExploitable ? 1 : 0) - (row.Verdict == FindingVerdict.ReachableAndExploitable ? 1 : 0);
            }
        }

        return (changes, verdicts, reachable);
    }

    /// <summary>SSVC decisions of the findings on assets whose System Exposure changes (a closed finding has none to change).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<SsvcChange> SsvcChanges(WhatIfBaseline baseline, IncrementalSearch after, Dictionary<int, FindingVerdict> verdictAfter)
    {
        var changes = new List<(int Finding, SsvcChange Change)>();
        if (!after.EntriesMayChange)
        {
            return [];
        }

        var exposure = baseline.Exposure;
        var index = exposure.Index;
        var rows = baseline.Analysis.Report.Findings;
        var words = baseline.Analysis.Searches.Reach.Words;
        var decisions = new SsvcDecisions();
        Span<ulong> union = stackalloc ulong[words];
        Span<ulong> mask = stackalloc ulong[words];
        for (var a = 0; a < index.Assets.Count; a++)
        {
            if (!after.MayLoseAny(baseline.AssetEntries.AsSpan(a * words, words)))
            {
                continue;
            }

            var (n, c, m) = (exposure.NetworkReachNode[a], exposure.ControlNode[a], exposure.ManipulateNode[a]);

            union.Clear();
            Merge(after, n, union, mask);
            Merge(after, c, union, mask);
            Merge(after, m, union, mask);

            var exposureAfter = baseline.ExposureOf(union);
            var asset = index.Assets[a];
            SsvcDecisions.AssetSide? assetSide = null;
            foreach (var f in baseline.FindingsOf(a))
            {
                var row = rows[f];
                var verdict = verdictAfter.TryGetValue(f, out var v) ? v : row.Verdict;
                if (row.Exposure == exposureAfter || verdict == FindingVerdict.Closed)
                {
                    continue;
                }

                assetSide ??= SsvcDecisions.Of(asset);
                var finding = index.Findings[f];
                var (cisaBefore, deployerBefore) = decisions.Of(finding, assetSide.Value, row.Exposure);
                var (cisaAfter, deployerAfter) = decisions.Of(finding, assetSide.Value, exposureAfter);
                if (cisaBefore != cisaAfter || deployerBefore != deployerAfter)
                {
                    changes.Add((f, new SsvcChange(row.FindingId, row.AssetId, row.VulnerabilityId, cisaBefore, cisaAfter, deployerBefore, deployerAfter)));
                }
            }
        }

        return [.. changes.OrderBy(c => c.Finding).Select(c => c.Change)];
    }

    private static void Merge(IncrementalSearch after, int node, Span<ulong> union, Span<ulong> scratch)
    {
        after.EntriesOf(node, scratch);
        for (var w = 0; w < union.Length; w++)
        {
            union[w] |= scratch[w];
        }
    }

    /// <summary>Entry→crown-jewel paths that are lost (each with its most likely path before), and the crown jewels cut off.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (List<PathChange> Removed, List<string> CutOff) JewelChanges(WhatIfBaseline baseline, IncrementalSearch after)
    {
        var exposure = baseline.Exposure;
        var index = exposure.Index;
        var words = baseline.Analysis.Searches.Reach.Words;
        Span<ulong> control = stackalloc ulong[words];
        Span<ulong> manipulate = stackalloc ulong[words];
        var lost = new List<(int Entry, string EntryId, int Asset, string AssetId)>();
        var cutOff = new List<string>();
        var jewels = baseline.Analysis.Report.CrownJewels;
        for (var j = 0; j < jewels.Count; j++)
        {
            var jewel = jewels[j];
            var a = baseline.JewelAssets[j];
            var c = exposure.ControlNode[a];
            var m = exposure.ManipulateNode[a];
            if (jewel.Reachable && !after.Reached(c) && !after.Reached(m))
            {
                cutOff.Add(jewel.AssetId);
            }

            if (!after.MayLoseEntries(c) && !after.MayLoseEntries(m))
            {
                continue;
            }

            after.EntriesOf(c, control);
            after.EntriesOf(m, manipulate);
            var entriesAfter = new List<string>();
            for (var e = 0; e < index.Entries.Count; e++)
            {
                var bit = 1UL << (e & 63);
                if (((control[e >> 6] | manipulate[e >> 6]) & bit) != 0)
                {
                    entriesAfter.Add(index.Entries[e].Id);
                }
            }

            foreach (var entryId in jewel.EntryPointIds.Except(entriesAfter, StringComparer.Ordinal))
            {
                if (index.EntryIndex.TryGetValue(entryId, out var e))
                {
                    lost.Add((e, entryId, a, jewel.AssetId));
                }
            }
        }

        // One search per entry point for all the crown jewels it loses, on the baseline graph (the path as it was).
        var byEntry = lost.Select((pair, order) => (pair, order)).GroupBy(x => x.pair.Entry).ToList();
        var paths = new AttackPath?[lost.Count];
        Parallel.ForEach(byEntry, group =>
        {
            var members = group.ToList();
            var found = TargetedSearch.PathsFrom(exposure, group.Key, [.. members.Select(x => x.pair.Asset)]);
            for (var i = 0; i < members.Count; i++)
            {
                paths[members[i].order] = found[i];
            }
        });

        var removed = new List<PathChange>();
        for (var i = 0; i < lost.Count; i++)
        {
            if (paths[i] is { } path)
            {
                removed.Add(new PathChange(lost[i].EntryId, lost[i].AssetId, path));
            }
        }

        return (removed, cutOff);
    }
}

/// <summary>
/// The two SSVC decisions of a finding at a given System Exposure, wired from the decision points as
/// <see cref="SsvcAssessor.Assess"/> wires them but without the explanations, and with the vulnerability side read once
/// per vector and evidence: a large what-if (an internet entry point removed) moves the exposure of a hundred thousand
/// findings, and only the decisions are compared.
/// </summary>
internal sealed class SsvcDecisions
{
    private readonly Dictionary<(string? Vector, ExploitEvidence Evidence), (Exploitation E, Automatable A, TechnicalImpact TI)> points = [];

    public static AssetSide Of(Asset asset) => new(
        SsvcTables.MissionAndWellBeing(SsvcRules.MissionPrevalence(asset).Value, SsvcRules.PublicWellBeing(asset).Value).Outcome,
        SsvcTables.HumanImpact(SsvcRules.SafetyImpact(asset).Value, SsvcRules.MissionImpact(asset).Value).Outcome);

    public (CisaDecision Cisa, DeployerDecision Deployer) Of(ExposureFinding finding, AssetSide asset, SystemExposure exposure)
    {
        if (!points.TryGetValue((finding.CvssVector, finding.Evidence), out var p))
        {
            CvssVector? vector = null;
            string? unreadable = null;
            if (finding.CvssVector is { Length: > 0 } text && !CvssVector.TryParse(text, out vector, out var error))
            {
                unreadable = error.Message;
            }

            p = (SsvcRules.Exploitation(finding.Evidence, vector).Value, SsvcRules.Automatable(vector, unreadable).Value,
                SsvcRules.TechnicalImpact(vector, unreadable).Value);
            points[(finding.CvssVector, finding.Evidence)] = p;
        }

        return (SsvcTables.Cisa(p.E, p.A, p.TI, asset.MissionAndWellBeing).Outcome, SsvcTables.Deployer(p.E, exposure, p.A, asset.HumanImpact).Outcome);
    }

    /// <summary>The asset's side of both decisions.</summary>
    public readonly record struct AssetSide(MissionAndWellBeing MissionAndWellBeing, HumanImpact HumanImpact);
}
