using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Exposure.Graph;

/// <summary>
/// Builds the attack graph from an <see cref="ExposureInput"/>. Attacker states are nodes (a foothold in a zone,
/// reach to an asset's services, control of an asset, manipulation of the process through it); conduit services,
/// allow rules, observed flows and trusted routes are gate nodes between them, so that each action of a what-if or a
/// plan removes the nodes of one element. docs/exposure.md describes every edge.
/// </summary>
/// <remarks>
/// It runs on every recompute and every what-if, at up to a few hundred thousand assets and findings: per asset and per
/// finding it does array work only (no strings, no look-ups by name after the first, no LINQ), and the only parallel
/// step, the findings' likelihoods, writes each result to its own slot, so the graph is the same on every run.
/// </remarks>
public static class ExposureGraphBuilder
{
    public static ExposureGraph Build(ExposureInput input)
    {
        // The findings' likelihoods need nothing from the graph: a second thread works them out while this one builds the
        // rest, each into its own slot, so the graph is the same as when one thread does it all.
        var findings = input.Findings;
        var steps = new ExploitStep[findings.Count];
        var likelihoods = Task.Run(() =>
        {
            for (var f = 0; f < steps.Length; f++)
            {
                steps[f] = Likelihoods.Exploit(findings[f]);
            }
        });
        var index = new ModelIndex(input);
        return new Run(index, steps, likelihoods).Build();
    }

    private sealed class Run
    {
        private readonly ModelIndex index;
        private readonly AttackGraphBuilder g;
        private readonly Dictionary<int, RouteInfo> routes = [];
        private readonly OfferedServices offered;
        private readonly int[] control;
        private readonly int[] manipulate;
        private readonly int[] netReach;
        private readonly int[] icsReach;
        private readonly int[] zoneOfAsset;
        private readonly bool[] hasIcs;
        private readonly bool[] hasAdmin;
        private readonly int[] position;
        private readonly ZoneMembers assetsInZone;

        // Route nodes whose traffic leaves a zone, per zone the traffic leaves.
        private readonly List<ZoneRoute>[] routesFromZone;

        // Per conduit route (a slice each): the assets its service reaches, in asset order, as asset × 2 + 1 when an
        // administrative service is among those reached. Trusted hosts' sessions travel the same routes. Borrowed, and
        // grown by hand: it holds several entries per asset.
        private WorkArray<int> reachedByRoute;
        private int reachedCount;

        // Allow-rule and flow route nodes, in the order they were made.
        private readonly List<HostRoute> hostRoutes = [];

        private readonly ExploitStep[] steps;
        private readonly Task likelihoods;

        public Run(ModelIndex index, ExploitStep[] steps, Task likelihoods)
        {
            this.index = index;
            this.steps = steps;
            this.likelihoods = likelihoods;
            var assets = index.Assets.Count;
            var zones = index.Zones.Count;
            g = new AttackGraphBuilder(EstimatedNodes(index), EstimatedEdges(index), EstimatedElements(index));
            offered = new OfferedServices(index.Assets);
            reachedByRoute = WorkArray<int>.Rent(4 * assets);
            control = new int[assets];
            manipulate = new int[assets];
            netReach = new int[assets];
            icsReach = new int[assets];
            zoneOfAsset = new int[assets];
            hasIcs = new bool[assets];
            hasAdmin = new bool[assets];
            position = new int[zones];
            for (var a = 0; a < assets; a++)
            {
                zoneOfAsset[a] = index.Assets[a].ZoneId is { } zid && index.ZoneIndex.TryGetValue(zid, out var z) ? z : -1;
            }

            assetsInZone = new ZoneMembers(zoneOfAsset, zones);
            routesFromZone = new List<ZoneRoute>[zones];
            for (var z = 0; z < zones; z++)
            {
                routesFromZone[z] = [];
            }
        }

        public ExposureGraph Build()
        {
            try
            {
                var entryNodes = EntryNodes(out var entryWhy);
                for (var z = 0; z < position.Length; z++)
                {
                    position[z] = g.AddNode(NodeKind.Position, z);
                }

                AssetNodes();
                SameZoneReach();
                ConduitReach();
                var exploit = Findings();
                HostRules();
                Entries(entryNodes);
                TrustedRoutes();

                return new ExposureGraph(g.Build(), index, control, manipulate, netReach, exploit, steps, routes, entryWhy);
            }
            finally
            {
                // The builder's staging arrays and these work arrays are borrowed; the graph has its own copies.
                g.Dispose();
                offered.Dispose();
                reachedByRoute.Dispose();
            }
        }

        private static int EstimatedNodes(ModelIndex index) =>
            index.Entries.Count + index.Zones.Count + 4 * index.Assets.Count + index.Findings.Count + index.Flows.Count + 2 * index.Conduits.Count
            + index.AllowRules.Count;

        // One per removable entry point, asset, finding, conduit service, rule and flow: exact or a little over.
        private static int EstimatedElements(ModelIndex index)
        {
            var conduitServices = 0;
            foreach (var conduit in index.Conduits)
            {
                conduitServices += conduit.Services.Count;
            }

            return index.Entries.Count + index.Assets.Count + index.Findings.Count + conduitServices + index.AllowRules.Count + index.Flows.Count;
        }

        // Measured on the synthetic companies: about 2.4 edges per node; a low guess costs one copy, not a failure.
        private static int EstimatedEdges(ModelIndex index) => EstimatedNodes(index) * 5 / 2;

        private int[] EntryNodes(out string[] entryWhy)
        {
            var entries = index.Entries;
            entryWhy = new string[entries.Count];
            var entryNodes = new int[entries.Count];
            for (var e = 0; e < entries.Count; e++)
            {
                var entry = entries[e];
                var element = entry.IsRemovable ? g.Element(new CutElement(ElementKind.EntryPoint, entry.Id, entry.Name)) : -1;
                entryNodes[e] = g.AddNode(NodeKind.Entry, e, element);
                var (p, why) = Likelihoods.Entry(entry);
                entryWhy[e] = why;
                g.AddSource(entryNodes[e], p);
            }

            return entryNodes;
        }

        private void AssetNodes()
        {
            var assets = index.Assets;
            var firstElement = g.NewElements(assets.Count, a => new CutElement(ElementKind.Asset, assets[a].Id, assets[a].Name));
            for (var a = 0; a < assets.Count; a++)
            {
                var asset = assets[a];
                var element = firstElement + a;
                control[a] = g.AddNode(NodeKind.Control, a, element);
                manipulate[a] = g.AddNode(NodeKind.Manipulate, a, element);
                netReach[a] = g.AddNode(NodeKind.NetworkReach, a, element);
                icsReach[a] = g.AddNode(NodeKind.IcsReach, a, element);
                hasIcs[a] = offered.AnyIcs(a);
                hasAdmin[a] = offered.AnyAdmin(a);
                if (hasIcs[a])
                {
                    g.AddEdge(icsReach[a], manipulate[a], Likelihoods.UnauthenticatedIcs, StepKind.UnauthenticatedIcs);
                }

                if (AssetRoles.ControlMeansManipulation(asset.Kind))
                {
                    g.AddEdge(control[a], manipulate[a], 1.0, StepKind.ControllerCommand);
                }

                if (zoneOfAsset[a] >= 0)
                {
                    g.AddEdge(control[a], position[zoneOfAsset[a]], 1.0, StepKind.Pivot, zoneOfAsset[a]);
                }
            }
        }

        private void SameZoneReach()
        {
            for (var z = 0; z < position.Length; z++)
            {
                foreach (var a in assetsInZone.Of(z))
                {
                    g.AddEdge(position[z], netReach[a], 1.0, StepKind.SameZone, z);
                    if (hasIcs[a])
                    {
                        g.AddEdge(position[z], icsReach[a], 1.0, StepKind.SameZone, z);
                    }
                }
            }
        }

        private void ConduitReach()
        {
            var conduits = index.Conduits;
            for (var c = 0; c < conduits.Count; c++)
            {
                var conduit = conduits[c];
                if (!index.ZoneIndex.TryGetValue(conduit.FromZoneId, out var from) || !index.ZoneIndex.TryGetValue(conduit.ToZoneId, out var to))
                {
                    continue;
                }

                var readOnly = ReadOnlyInspection(conduit);
                foreach (var service in conduit.Services)
                {
                    // Deep packet inspection that lets only reads of an unauthenticated ICS protocol through takes away
                    // what that protocol would otherwise give: commands, and sessions that travel on it.
                    var readsOnly = readOnly && KnownServices.IsUnauthenticatedIcsProtocol(service);
                    var element = g.Element(new CutElement(ElementKind.ConduitService, conduit.Id, $"{conduit.Name ?? conduit.Id}: {service}", service));
                    AddConduitRoute(c, from, to, service, element, StepKind.ConduitForward, readsOnly);
                    if (conduit.Direction == ConduitDirection.Bidirectional)
                    {
                        AddConduitRoute(c, to, from, service, element, StepKind.ConduitReverse, readsOnly);
                    }
                }
            }
        }

        /// <summary>
        /// True when the conduit's enforcement point is described as read-only inspection ("… with Modbus read-only
        /// inspection"): the inventory has no field for it yet, so the words that plants write are read.
        /// </summary>
        public static bool ReadOnlyInspection(Conduit conduit) =>
            Mentions(conduit.EnforcedBy) || Mentions(conduit.Description);

        private static bool Mentions(string? text) => text is not null
            && (text.Contains("read-only", StringComparison.OrdinalIgnoreCase) || text.Contains("read only", StringComparison.OrdinalIgnoreCase));

        private void AddConduitRoute(int conduit, int from, int to, ServiceEndpoint service, int element, StepKind kind, bool readsOnly)
        {
            var node = g.AddNode(NodeKind.ConduitService, conduit, element);
            routes[node] = new RouteInfo(kind, conduit, service, TrustClass.None);
            g.AddEdge(position[from], node, 1.0, StepKind.Pass);
            var reachedFrom = reachedCount;
            foreach (var b in assetsInZone.Of(to))
            {
                var overlap = ConnectServiceReach(node, b, service, kind, conduit, commands: !readsOnly);
                if (overlap.Any && !readsOnly)
                {
                    AddReached(b * 2 + (overlap.Admin ? 1 : 0));
                }
            }

            if (!readsOnly)
            {
                routesFromZone[from].Add(new ZoneRoute(node, service, kind, conduit, element, reachedFrom, reachedCount - reachedFrom));
            }
        }

        private void AddReached(int entry)
        {
            if (reachedCount == reachedByRoute.Array.Length)
            {
                var grown = WorkArray<int>.Rent(2 * reachedCount);
                reachedByRoute.Array.AsSpan(0, reachedCount).CopyTo(grown.Array);
                reachedByRoute.Dispose();
                reachedByRoute = grown;
            }

            reachedByRoute.Array[reachedCount++] = entry;
        }

        /// <summary>Edges from a route node to the reach nodes of an asset whose services the route's service overlaps.</summary>
        private Overlap ConnectServiceReach(int routeNode, int asset, ServiceEndpoint service, StepKind kind, int via, bool commands = true)
        {
            var overlap = offered.Overlap(service, asset);
            if (overlap.Any)
            {
                g.AddEdge(routeNode, netReach[asset], 1.0, kind, via);
            }

            if (overlap.Ics && commands)
            {
                g.AddEdge(routeNode, icsReach[asset], 1.0, kind, via);
            }

            return overlap;
        }

        private int[] Findings()
        {
            var findings = index.Findings;
            var exploit = new int[findings.Count];
            var owner = new int[findings.Count];
            string? lastAssetId = null;
            var lastAsset = -1;
            for (var f = 0; f < findings.Count; f++)
            {
                // An asset's findings usually come one after another: compare with the last id before hashing.
                var assetId = findings[f].AssetId;
                if (!string.Equals(assetId, lastAssetId, StringComparison.Ordinal))
                {
                    lastAssetId = assetId;
                    lastAsset = index.AssetIndex.TryGetValue(assetId, out var a) ? a : -1;
                }

                owner[f] = lastAsset;
            }

            likelihoods.GetAwaiter().GetResult();

            // The findings that are network steps, each with an element of its own (numbered in finding order).
            var stepping = new List<int>(findings.Count);
            for (var f = 0; f < findings.Count; f++)
            {
                exploit[f] = -1;
                if (owner[f] >= 0 && steps[f].Reach is (ExploitReach.Network or ExploitReach.Adjacent))
                {
                    stepping.Add(f);
                }
            }

            var assets = index.Assets;
            var firstElement = g.NewElements(stepping.Count, k =>
            {
                var finding = findings[stepping[k]];
                return new CutElement(ElementKind.Finding, finding.Id, $"{finding.VulnerabilityId} on {assets[owner[stepping[k]]].Name}");
            });
            for (var k = 0; k < stepping.Count; k++)
            {
                var f = stepping[k];
                var a = owner[f];
                var step = steps[f];
                var node = g.AddNode(NodeKind.Exploit, f, firstElement + k);
                exploit[f] = node;
                if (step.Reach == ExploitReach.Network)
                {
                    g.AddEdge(netReach[a], node, step.Likelihood, StepKind.Exploit, f);
                }
                else if (zoneOfAsset[a] >= 0)
                {
                    g.AddEdge(position[zoneOfAsset[a]], node, step.Likelihood, StepKind.Exploit, f);
                }

                g.AddEdge(node, control[a], 1.0, StepKind.Pass);
            }

            return exploit;
        }

        private void HostRules()
        {
            for (var r = 0; r < index.AllowRules.Count; r++)
            {
                var rule = index.AllowRules[r];
                if (!index.AssetIndex.TryGetValue(rule.FromAssetId, out var from) || !index.AssetIndex.TryGetValue(rule.ToAssetId, out var to))
                {
                    continue;
                }

                var element = g.Element(new CutElement(ElementKind.AllowRule, rule.Id, rule.Description ?? $"{rule.FromAssetId} → {rule.ToAssetId}"));
                foreach (var service in rule.Services)
                {
                    var node = g.AddNode(NodeKind.AllowRule, r, element);
                    routes[node] = new RouteInfo(StepKind.AllowRule, r, service, TrustClass.None);
                    g.AddEdge(control[from], node, 1.0, StepKind.Pass);
                    ConnectServiceReach(node, to, service, StepKind.AllowRule, r);
                    hostRoutes.Add(new HostRoute(node, from, to, service, StepKind.AllowRule, r, element));
                }
            }

            for (var f = 0; f < index.Flows.Count; f++)
            {
                var flow = index.Flows[f];
                if (!index.AssetIndex.TryGetValue(flow.SourceAssetId, out var from) || !index.AssetIndex.TryGetValue(flow.TargetAssetId, out var to))
                {
                    continue;
                }

                var element = g.Element(new CutElement(ElementKind.ObservedFlow, flow.Id, $"{flow.SourceAssetId} → {flow.TargetAssetId} {flow.Service}"));
                var node = g.AddNode(NodeKind.ObservedFlow, f, element);
                routes[node] = new RouteInfo(StepKind.ObservedFlow, f, flow.Service, TrustClass.None);
                g.AddEdge(control[from], node, 1.0, StepKind.Pass);

                // The flow itself is the evidence that the target listens on its service.
                g.AddEdge(node, netReach[to], 1.0, StepKind.ObservedFlow, f);
                if (KnownServices.IsUnauthenticatedIcsProtocol(flow.Service))
                {
                    g.AddEdge(node, icsReach[to], 1.0, StepKind.ObservedFlow, f);
                }

                hostRoutes.Add(new HostRoute(node, from, to, flow.Service, StepKind.ObservedFlow, f, element));
            }
        }

        private void Entries(int[] entryNodes)
        {
            for (var e = 0; e < entryNodes.Length; e++)
            {
                var entry = index.Entries[e];
                if (entry.ZoneId is { } zid && index.ZoneIndex.TryGetValue(zid, out var z))
                {
                    g.AddEdge(entryNodes[e], position[z], 1.0, StepKind.EntryLands, e);
                }

                var sessions = entry.Kind == EntryPointKind.VendorRemoteAccess || entry.IsAccessGrant;
                foreach (var target in entry.TargetAssetIds)
                {
                    if (!index.AssetIndex.TryGetValue(target, out var a))
                    {
                        continue;
                    }

                    g.AddEdge(entryNodes[e], netReach[a], 1.0, StepKind.EntryTargets, e);
                    if (hasIcs[a])
                    {
                        g.AddEdge(entryNodes[e], icsReach[a], 1.0, StepKind.EntryTargets, e);
                    }

                    if (sessions)
                    {
                        // Whoever holds the vendor's path holds the vendor's own sessions on the assets it serves.
                        g.AddEdge(entryNodes[e], control[a], 1.0, StepKind.TrustedSession, e);
                    }
                }
            }
        }

        private void TrustedRoutes()
        {
            var assets = index.Assets;
            var hubs = new Dictionary<(int Route, TrustClass Trust), int>();
            var hostRoutesFrom = hostRoutes.ToLookup(r => r.From);
            for (var t = 0; t < assets.Count; t++)
            {
                var trust = AssetRoles.TrustOf(assets[t]);
                if (trust == TrustClass.None)
                {
                    continue;
                }

                var z = zoneOfAsset[t];
                if (z >= 0)
                {
                    // Same zone: one hub per zone and trust class; everything in the zone is in session reach.
                    if (!hubs.TryGetValue((-1 - z, trust), out var hub))
                    {
                        hub = NewHub(hubs, -1 - z, trust, -1, new RouteInfo(StepKind.SameZone, z, null, trust));
                        foreach (var b in assetsInZone.Of(z))
                        {
                            AddSession(hub, b, trust, hasAdmin[b], z);
                        }
                    }

                    g.AddEdge(control[t], hub, 1.0, StepKind.Pass);

                    foreach (var route in routesFromZone[z])
                    {
                        if (!hubs.TryGetValue((route.Node, trust), out var conduitHub))
                        {
                            conduitHub = NewHub(hubs, route.Node, trust, route.Element, new RouteInfo(route.Kind, route.Conduit, route.Service, trust));
                            for (var i = route.ReachedFrom; i < route.ReachedFrom + route.ReachedCount; i++)
                            {
                                var reached = reachedByRoute.Array[i];
                                AddSession(conduitHub, reached >> 1, trust, (reached & 1) != 0, route.Conduit);
                            }
                        }

                        g.AddEdge(control[t], conduitHub, 1.0, StepKind.Pass);
                    }
                }

                foreach (var route in hostRoutesFrom[t])
                {
                    if (!hubs.TryGetValue((route.Node, trust), out var hostHub))
                    {
                        hostHub = NewHub(hubs, route.Node, trust, route.Element, new RouteInfo(route.Kind, route.Via, route.Service, trust));
                        var (reaches, admin) = route.Kind == StepKind.ObservedFlow
                            ? (true, AssetRoles.IsAdminService(route.Service))
                            : ReachesHost(route.Service, route.To);
                        if (reaches)
                        {
                            AddSession(hostHub, route.To, trust, admin, route.Via);
                        }
                    }

                    g.AddEdge(control[t], hostHub, 1.0, StepKind.Pass);
                }
            }
        }

        private (bool Reaches, bool Admin) ReachesHost(ServiceEndpoint service, int asset)
        {
            var overlap = offered.Overlap(service, asset);
            return (overlap.Any, overlap.Admin);
        }

        private int NewHub(Dictionary<(int, TrustClass), int> hubs, int routeKey, TrustClass trust, int element, RouteInfo info)
        {
            var node = g.AddNode(NodeKind.TrustedRoute, routeKey, element);
            routes[node] = info;
            hubs.Add((routeKey, trust), node);
            return node;
        }

        private void AddSession(int hub, int target, TrustClass trust, bool adminServiceReached, int via)
        {
            var (p, controls, manipulates, _) = AssetRoles.Session(trust, index.Assets[target], adminServiceReached);
            if (p <= 0)
            {
                return;
            }

            // A session that gives control also gives manipulation of a controller through the controller's own edge.
            g.AddEdge(hub, controls || !manipulates ? control[target] : manipulate[target], p, StepKind.TrustedSession, via);
        }
    }

    /// <summary>A conduit route out of a zone: its node, what it carries, and where its assets reached are listed.</summary>
    private readonly record struct ZoneRoute(int Node, ServiceEndpoint Service, StepKind Kind, int Conduit, int Element, int ReachedFrom, int ReachedCount);

    /// <summary>An allow-rule or flow route from one asset to another.</summary>
    private readonly record struct HostRoute(int Node, int From, int To, ServiceEndpoint Service, StepKind Kind, int Via, int Element);

    /// <summary>The assets of every zone in asset order, as one array sliced per zone.</summary>
    private sealed class ZoneMembers
    {
        private readonly int[] start;
        private readonly int[] members;

        public ZoneMembers(int[] zoneOfAsset, int zones)
        {
            start = new int[zones + 1];
            foreach (var z in zoneOfAsset)
            {
                if (z >= 0)
                {
                    start[z + 1]++;
                }
            }

            for (var z = 0; z < zones; z++)
            {
                start[z + 1] += start[z];
            }

            members = new int[start[zones]];
            var fill = start[..^1];
            for (var a = 0; a < zoneOfAsset.Length; a++)
            {
                if (zoneOfAsset[a] is var z and >= 0)
                {
                    members[fill[z]++] = a;
                }
            }
        }

        public ReadOnlySpan<int> Of(int zone) => members.AsSpan(start[zone], start[zone + 1] - start[zone]);
    }

    /// <summary>What a route's service reaches on an asset: any of its services, an unauthenticated ICS one, an administrative one.</summary>
    private readonly record struct Overlap(bool Any, bool Ics, bool Admin);

    /// <summary>
    /// Every asset's services in one array, each with whether it is an unauthenticated ICS service and whether it is an
    /// administrative one, worked out once per distinct service rather than once per route that meets it. Its arrays
    /// are borrowed for the build: dispose it to hand them back.
    /// </summary>
    private sealed class OfferedServices : IDisposable
    {
        private const byte Ics = 1;
        private const byte Admin = 2;

        private readonly WorkArray<int> startWork;
        private readonly WorkArray<ServiceEndpoint> servicesWork;
        private readonly WorkArray<byte> flagsWork;
        private readonly int[] start;
        private readonly ServiceEndpoint[] services;
        private readonly byte[] flags;

        public OfferedServices(IReadOnlyList<Asset> assets)
        {
            startWork = WorkArray<int>.Rent(assets.Count + 1);
            start = startWork.Array;
            start[0] = 0;
            for (var a = 0; a < assets.Count; a++)
            {
                start[a + 1] = start[a] + assets[a].Services.Count;
            }

            servicesWork = WorkArray<ServiceEndpoint>.Rent(start[assets.Count]);
            flagsWork = WorkArray<byte>.Rent(start[assets.Count]);
            services = servicesWork.Array;
            flags = flagsWork.Array;
            var known = new Dictionary<ServiceEndpoint, byte>();
            for (var a = 0; a < assets.Count; a++)
            {
                var at = start[a];
                foreach (var service in assets[a].Services)
                {
                    if (!known.TryGetValue(service, out var flag))
                    {
                        flag = (byte)((KnownServices.IsUnauthenticatedIcsProtocol(service) ? Ics : 0) | (AssetRoles.IsAdminService(service) ? Admin : 0));
                        known.Add(service, flag);
                    }

                    services[at] = service;
                    flags[at++] = flag;
                }
            }
        }

        public void Dispose()
        {
            startWork.Dispose();
            servicesWork.Dispose();
            flagsWork.Dispose();
        }

        public bool AnyIcs(int asset) => Any(asset, Ics);

        public bool AnyAdmin(int asset) => Any(asset, Admin);

        private bool Any(int asset, byte flag)
        {
            for (var i = start[asset]; i < start[asset + 1]; i++)
            {
                if ((flags[i] & flag) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        public Overlap Overlap(ServiceEndpoint allowed, int asset)
        {
            var any = false;
            var union = 0;
            for (var i = start[asset]; i < start[asset + 1]; i++)
            {
                if (ServiceMatch.Overlaps(allowed, services[i]))
                {
                    any = true;
                    union |= flags[i];
                }
            }

            return new Overlap(any, (union & Ics) != 0, (union & Admin) != 0);
        }
    }
}
