using Seam.Exposure;
using Seam.Exposure.WhatIf;
using Seam.Inventory;

namespace Seam.Core.Tests.Exposure.Scenarios;

/// <summary>
/// The incremental what-if checked against the rebuild (a whole new analysis of the changed copy), and the removal-type
/// actions a model offers.
/// </summary>
internal static class WhatIfOracle
{
    private const double Tolerance = 1e-9;

    /// <summary>Runs both paths; fails unless the incremental one was taken and agrees with the rebuild.</summary>
    public static WhatIfResult AssertIncrementalMatchesRebuild(ExposureAnalysis baseline, Scenario scenario)
    {
        var incremental = IncrementalWhatIf.TryCompare(baseline, scenario);
        Assert.NotNull(incremental);
        var rebuilt = ExposureEngine.WhatIfByRebuild(baseline, scenario);
        AssertSame(rebuilt, incremental, Describe(scenario));
        return incremental;
    }

    /// <summary>
    /// Everything a what-if reports, compared; paths as (entry, crown jewel) pairs with their likelihoods, since two
    /// equally likely paths may be told apart differently.
    /// </summary>
    public static void AssertSame(WhatIfResult expected, WhatIfResult actual, string because)
    {
        Assert.True(expected.ScoreBefore == actual.ScoreBefore, $"{because}: score before {expected.ScoreBefore} ≠ {actual.ScoreBefore}");
        Assert.True(expected.ScoreAfter == actual.ScoreAfter, $"{because}: score after {expected.ScoreAfter} ≠ {actual.ScoreAfter}");
        AssertPaths(expected.PathsRemoved, actual.PathsRemoved, because + ": paths removed");
        AssertPaths(expected.PathsAdded, actual.PathsAdded, because + ": paths added");
        AssertList(expected.CrownJewelsNewlyReachable, actual.CrownJewelsNewlyReachable, because + ": newly reachable");
        AssertList(expected.CrownJewelsCutOff, actual.CrownJewelsCutOff, because + ": cut off");
        AssertList(expected.VerdictChanges, actual.VerdictChanges, because + ": verdicts");
        AssertList(expected.SsvcChanges, actual.SsvcChanges, because + ": SSVC");
        AssertList(expected.LevelChanges, actual.LevelChanges, because + ": levels");
        Assert.True(expected.Summary == actual.Summary, $"{because}: summary '{expected.Summary}' ≠ '{actual.Summary}'");
    }

    /// <summary>Every single removal-type action on the model: patch, block each service and a covering range, remove, MFA, isolate, stop.</summary>
    public static IEnumerable<ScenarioAction> RemovalActions(ExposureAnalysis analysis)
    {
        var input = analysis.Input;
        foreach (var finding in input.Findings)
        {
            yield return new PatchFinding(finding.Id);
        }

        foreach (var conduit in input.Inventory.Conduits)
        {
            yield return new BlockConduitService(conduit.Id, null);
            foreach (var service in conduit.Services)
            {
                yield return new BlockConduitService(conduit.Id, service);
            }

            yield return new BlockConduitService(conduit.Id, ServiceEndpoint.Parse("tcp/1-65535"));
        }

        foreach (var id in input.Inventory.EntryPoints.Select(e => e.Id).Concat(input.AccessGrants.Select(g => g.Id)))
        {
            yield return new RemoveEntryPoint(id);
            yield return new RequireMfa(id);
            yield return new RequireMfa(id, MakeOnDemand: true);
        }

        foreach (var asset in input.Inventory.Assets)
        {
            yield return new IsolateAsset(asset.Id);
        }

        foreach (var rule in input.AllowRules)
        {
            yield return new RemoveAllowRule(rule.Id);
        }

        foreach (var flow in input.ObservedFlows)
        {
            yield return new StopObservedFlow(flow.Id);
        }
    }

    public static string Describe(Scenario scenario) => string.Join("; ", scenario.Actions.Select(a => a.Describe()));

    private static void AssertPaths(IReadOnlyList<PathChange> expected, IReadOnlyList<PathChange> actual, string because)
    {
        var want = expected.Select(p => (p.EntryPointId, p.CrownJewelId)).ToList();
        var got = actual.Select(p => (p.EntryPointId, p.CrownJewelId)).ToList();
        Assert.True(want.SequenceEqual(got), $"{because}: [{string.Join(", ", want)}] ≠ [{string.Join(", ", got)}]");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i].Path.Likelihood - actual[i].Path.Likelihood) <= Tolerance,
                $"{because}: {want[i]} likelihood {expected[i].Path.Likelihood} ≠ {actual[i].Path.Likelihood}");
            Assert.Equal(expected[i].Path.Outcome, actual[i].Path.Outcome);
        }
    }

    private static void AssertList<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, string because) =>
        Assert.True(expected.SequenceEqual(actual), $"{because}: [{string.Join(", ", expected)}] ≠ [{string.Join(", ", actual)}]");
}
