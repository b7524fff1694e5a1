using Seam.Exposure.Analysis;
using Seam.Exposure.Graph;
using Seam.Inventory;

namespace Seam.Exposure.WhatIf;

/// <summary>
/// A scenario read as changes to the baseline's attack graph that only take reach away: nodes removed, entry points
/// made less likely, findings closed. Every action but the ones that add something (a conduit, an asset, an allow rule,
/// a solution) reads this way, with the same effect <see cref="ScenarioApplier"/> has on a copy of the input:
/// <list type="bullet">
/// <item>patch finding: its exploit node;</item>
/// <item>block a conduit service / remove a conduit: the nodes of every conduit-service element the block takes off the conduit;</item>
/// <item>remove an entry point or access grant: its entry node;</item>
/// <item>require MFA (and on-demand): the entry's new likelihood;</item>
/// <item>isolate an asset: its own nodes and its findings' exploit nodes (out of its zone, with its rules, flows and
/// vendor targets gone, nothing reaches them);</item>
/// <item>remove an allow rule / stop a flow: the nodes of its element.</item>
/// </list>
/// </summary>
/// <param name="Nodes">Nodes the scenario takes out of the graph.</param>
/// <param name="LowerSourceLikelihood">Per entry index whose likelihood drops: the new likelihood.</param>
/// <param name="PatchedFindings">Finding indexes that are closed after the scenario.</param>
internal sealed record GraphRemovals(IReadOnlyCollection<int> Nodes, IReadOnlyDictionary<int, double> LowerSourceLikelihood, IReadOnlySet<int> PatchedFindings)
{
    /// <summary>True when every action of the scenario only takes reach away.</summary>
    public static bool OnlyRemoves(Scenario scenario) => scenario.Actions.All(a =>
        a is PatchFinding or BlockConduitService or RemoveEntryPoint or RequireMfa or IsolateAsset or RemoveAllowRule or StopObservedFlow);

    /// <summary>The scenario as removals, or null when it adds reach (or names things ambiguously) and needs a rebuild.</summary>
    public static GraphRemovals? Of(WhatIfBaseline baseline, Scenario scenario)
    {
        var exposure = baseline.Exposure;
        var index = exposure.Index;
        var graph = exposure.Graph;
        var search = baseline.Search;

        // The comparison keys findings and assets by id; duplicates are the rebuild's to report.
        if (index.AssetIndex.Count != index.Assets.Count || index.FindingIndex.Count != index.Findings.Count)
        {
            return null;
        }

        var nodes = new HashSet<int>();
        var patched = new HashSet<int>();
        var removedEntries = new HashSet<int>();
        var changedEntries = new Dictionary<int, EntrySource>();
        var conduitServices = new Dictionary<int, IReadOnlyList<ServiceEndpoint>>();
        foreach (var action in scenario.Actions)
        {
            switch (action)
            {
                case PatchFinding patch:
                    if (index.FindingIndex.TryGetValue(patch.FindingId, out var f))
                    {
                        patched.Add(f);
                        if (exposure.ExploitNode[f] >= 0)
                        {
                            nodes.Add(exposure.ExploitNode[f]);
                        }
                    }

                    break;

                case BlockConduitService block:
                    {
                        var matching = Enumerable.Range(0, index.Conduits.Count).Where(c => index.Conduits[c].Id == block.ConduitId).ToList();
                        if (matching.Count > 1)
                        {
                            return null;
                        }

                        if (matching.Count == 1)
                        {
                            var c = matching[0];
                            var current = conduitServices.GetValueOrDefault(c) ?? index.Conduits[c].Services;
                            conduitServices[c] = block.Service is { } service ? ScenarioApplier.RemainingServices(current, service) : [];
                        }

                        break;
                    }

                case RemoveEntryPoint remove:
                    removedEntries.UnionWith(EntriesWithId(index, remove.EntryPointId));
                    break;

                case RequireMfa mfa:
                    foreach (var e in EntriesWithId(index, mfa.EntryPointId))
                    {
                        var current = changedEntries.GetValueOrDefault(e) ?? index.Entries[e];
                        changedEntries[e] = current with
                        {
                            MfaRequired = true,
                            Availability = mfa.MakeOnDemand && !current.IsAccessGrant ? RemoteAccessAvailability.OnDemand : current.Availability,
                        };
                    }

                    break;

                case IsolateAsset isolate:
                    if (index.AssetIndex.TryGetValue(isolate.AssetId, out var a))
                    {
                        nodes.UnionWith(search.NodesOf(graph.ElementOf(exposure.ControlNode[a])).ToArray());
                        foreach (var finding in baseline.FindingsOf(a))
                        {
                            if (exposure.ExploitNode[finding] >= 0)
                            {
                                nodes.Add(exposure.ExploitNode[finding]);
                            }
                        }
                    }

                    break;

                case RemoveAllowRule remove:
                    RemoveElement(new CutElement(ElementKind.AllowRule, remove.RuleId, string.Empty));
                    break;

                case StopObservedFlow stop:
                    RemoveElement(new CutElement(ElementKind.ObservedFlow, stop.FlowId, string.Empty));
                    break;

                default:
                    return null;
            }
        }

        foreach (var (c, remaining) in conduitServices)
        {
            var conduit = index.Conduits[c];
            if (!index.ZoneIndex.ContainsKey(conduit.FromZoneId) || !index.ZoneIndex.ContainsKey(conduit.ToZoneId))
            {
                continue;
            }

            var kept = remaining.Select(s => ServiceKey(conduit, s)).ToHashSet(StringComparer.Ordinal);
            foreach (var service in conduit.Services.Where(s => !remaining.Contains(s)))
            {
                // Two services written alike share one element: the graph cannot take one away and keep the other.
                if (kept.Contains(ServiceKey(conduit, service)))
                {
                    return null;
                }

                RemoveElement(new CutElement(ElementKind.ConduitService, conduit.Id, string.Empty, service));
            }
        }

        foreach (var e in removedEntries)
        {
            nodes.Add(graph.SourceNodes[e]);
        }

        var lower = new Dictionary<int, double>();
        foreach (var (e, entry) in changedEntries)
        {
            if (removedEntries.Contains(e))
            {
                continue;
            }

            var p = Likelihoods.Entry(entry).Likelihood;
            if (p > graph.SourceLikelihood[e])
            {
                return null;
            }

            if (p < graph.SourceLikelihood[e])
            {
                lower[e] = p;
            }
        }

        return new GraphRemovals(nodes, lower, patched);

        void RemoveElement(CutElement element)
        {
            if (search.RouteElements.TryGetValue(element.Key, out var found))
            {
                nodes.UnionWith(search.NodesOf(found).ToArray());
            }
        }
    }

    private static string ServiceKey(Conduit conduit, ServiceEndpoint service) =>
        new CutElement(ElementKind.ConduitService, conduit.Id, string.Empty, service).Key;

    private static IEnumerable<int> EntriesWithId(ModelIndex index, string id) =>
        Enumerable.Range(0, index.Entries.Count).Where(e => index.Entries[e].Id == id);
}
