using System.Globalization;
using Seam.Exposure.Analysis;

namespace Seam.Exposure.WhatIf;

/// <summary>Compares the analysis before a scenario with the one after it.</summary>
public static class WhatIfComparer
{
    public static WhatIfResult Compare(ExposureAnalysis before, ExposureAnalysis after, Scenario scenario)
    {
        var removed = new List<PathChange>();
        var added = new List<PathChange>();
        var jewelsAfter = after.Report.CrownJewels.ToDictionary(j => j.AssetId, StringComparer.Ordinal);
        var jewelsBefore = before.Report.CrownJewels.ToDictionary(j => j.AssetId, StringComparer.Ordinal);
        foreach (var jewel in before.Report.CrownJewels)
        {
            var afterEntries = jewelsAfter.TryGetValue(jewel.AssetId, out var a) ? a.EntryPointIds : [];
            foreach (var entry in jewel.EntryPointIds.Except(afterEntries, StringComparer.Ordinal))
            {
                if (PathFrom(before, entry, jewel.AssetId) is { } path)
                {
                    removed.Add(new PathChange(entry, jewel.AssetId, path));
                }
            }
        }

        foreach (var jewel in after.Report.CrownJewels)
        {
            var beforeEntries = jewelsBefore.TryGetValue(jewel.AssetId, out var b) ? b.EntryPointIds : [];
            foreach (var entry in jewel.EntryPointIds.Except(beforeEntries, StringComparer.Ordinal))
            {
                if (PathFrom(after, entry, jewel.AssetId) is { } path)
                {
                    added.Add(new PathChange(entry, jewel.AssetId, path));
                }
            }
        }

        var newlyReachable = after.Report.CrownJewels
            .Where(j => j.Reachable && !(jewelsBefore.TryGetValue(j.AssetId, out var b) && b.Reachable)).Select(j => j.AssetId).ToList();
        var cutOff = before.Report.CrownJewels
            .Where(j => j.Reachable && !(jewelsAfter.TryGetValue(j.AssetId, out var a) && a.Reachable)).Select(j => j.AssetId).ToList();

        var findingsAfter = after.Report.Findings.ToDictionary(f => f.FindingId, StringComparer.Ordinal);
        var verdicts = new List<VerdictChange>();
        var ssvc = new List<SsvcChange>();
        foreach (var f in before.Report.Findings)
        {
            if (!findingsAfter.TryGetValue(f.FindingId, out var g))
            {
                continue;
            }

            if (f.Verdict != g.Verdict)
            {
                verdicts.Add(new VerdictChange(f.FindingId, f.AssetId, f.VulnerabilityId, f.Verdict, g.Verdict));
            }

            // SSVC reads the finding, its asset and the asset's exposure; only the exposure can change in a what-if
            // (a patched finding closes rather than changing its decision).
            if (f.Exposure != g.Exposure && g.Verdict != FindingVerdict.Closed)
            {
                var sb = f.Ssvc;
                var sa = g.Ssvc;
                if (sb.Cisa != sa.Cisa || sb.Deployer != sa.Deployer)
                {
                    ssvc.Add(new SsvcChange(f.FindingId, f.AssetId, f.VulnerabilityId, sb.Cisa, sa.Cisa, sb.Deployer, sa.Deployer));
                }
            }
        }

        var levelsAfter = after.Report.Assets.ToDictionary(a => a.AssetId, StringComparer.Ordinal);
        var levels = new List<LevelChange>();
        foreach (var a in before.Report.Assets)
        {
            if (levelsAfter.TryGetValue(a.AssetId, out var b) && a.Level != b.Level)
            {
                levels.Add(new LevelChange(a.AssetId, a.Level, b.Level));
            }
        }

        return Result(scenario, before.Report.Overall, after.Report.Overall, removed, added, newlyReachable, cutOff, verdicts, ssvc, levels);
    }

    /// <summary>The result with its one-line summary; the rebuild and the incremental what-if both end here.</summary>
    internal static WhatIfResult Result(Scenario scenario, ExposureScore scoreBefore, ExposureScore scoreAfter, IReadOnlyList<PathChange> removed,
        IReadOnlyList<PathChange> added, IReadOnlyList<string> newlyReachable, IReadOnlyList<string> cutOff, IReadOnlyList<VerdictChange> verdicts,
        IReadOnlyList<SsvcChange> ssvc, IReadOnlyList<LevelChange> levels)
    {
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}: exposure score {scoreBefore.Score:0.##} → {scoreAfter.Score:0.##}; {cutOff.Count} crown jewel(s) cut off, {newlyReachable.Count} newly reachable; "
            + $"{removed.Count} entry→crown-jewel path(s) removed, {added.Count} added; {verdicts.Count} finding verdict(s) and {ssvc.Count} SSVC decision(s) change.");
        return new WhatIfResult
        {
            Scenario = scenario,
            ScoreBefore = scoreBefore,
            ScoreAfter = scoreAfter,
            PathsRemoved = removed,
            PathsAdded = added,
            CrownJewelsNewlyReachable = newlyReachable,
            CrownJewelsCutOff = cutOff,
            VerdictChanges = verdicts,
            SsvcChanges = ssvc,
            LevelChanges = levels,
            Summary = summary,
        };
    }

    /// <summary>The most likely path from one entry point to a crown jewel (control or manipulation, whichever is likelier).</summary>
    public static AttackPath? PathFrom(ExposureAnalysis analysis, string entryId, string assetId)
    {
        var index = analysis.Graph.Index;
        if (!index.EntryIndex.TryGetValue(entryId, out var e) || !index.AssetIndex.TryGetValue(assetId, out var a))
        {
            return null;
        }

        return TargetedSearch.PathsFrom(analysis.Graph, e, [a])[0];
    }
}
