using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Exposure.Graph;

/// <summary>
/// Builds the attack graph from an <see cref="ExposureInput"/>. Attacker states are nodes (a foothold in a zone,
/// reach to an asset's services, control of an asset, manipulation of the process through it); conduit services,
/// allow rules, observed flows and trusted routes are gate nodes between them, so that each action of a what-if or a
/// plan removes the nodes of one element. docs/exposure.md describes every edge.
/// </summary>
public static class ExposureGraphBuilder
{
    public static ExposureGraph Build(ExposureInput input)
    {
        var index = new ModelIndex(input);
        return new Run(index).Build();
    }

    private sealed class Run(ModelIndex index)
    {
        private readonly AttackGraphBuilder g = new();
        private readonly Dictionary<int, RouteInfo> routes = [];
        private int[] control = [];
        private int[] manipulate = [];
        private int[] netReach = [];
        private int[] icsReach = [];
        private int[] position = [];
        private int[] zoneOfAsset = [];
        private List<int>[] assetsInZone = [];
        private bool[] hasIcs = [];
        private bool[] hasAdmin = [];

        // Route nodes whose traffic leaves a zone: (route node, index of the zone the traffic enters).
        private List<(int Node, int TargetZone, ServiceEndpoint Service, StepKind Kind, int Conduit, int Element)>[] routesFromZone = [];

        public ExposureGraph Build()
        {
            var assets = index.Assets;
            var zones = index.Zones;
            control = new int[assets.Count];
            manipulate = new int[assets.Count];
            netReach = new int[assets.Count];
            icsReach = new int[assets.Count];
            zoneOfAsset = new int[assets.Count];
            hasIcs = new bool[assets.Count];
            hasAdmin = new bool[assets.Count];
            assetsInZone = new List<int>[zones.Count];
            routesFromZone = new List<(int, int, ServiceEndpoint, StepKind, int, int)>[zones.Count];
            for (var z = 0; z < zones.Count; z++)
            {
                assetsInZone[z] = [];
                routesFromZone[z] = [];
            }

            var entries = index.Entries;
            var entryWhy = new string[entries.Count];
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

            position = new int[zones.Count];
            for (var z = 0; z < zones.Count; z++)
            {
                position[z] = g.AddNode(NodeKind.Position, z);
            }

            for (var a = 0; a < assets.Count; a++)
            {
                var asset = assets[a];
                var element = g.NewElement(new CutElement(ElementKind.Asset, asset.Id, asset.Name));
                control[a] = g.AddNode(NodeKind.Control, a, element);
                manipulate[a] = g.AddNode(NodeKind.Manipulate, a, element);
                netReach[a] = g.AddNode(NodeKind.NetworkReach, a, element);
                icsReach[a] = g.AddNode(NodeKind.IcsReach, a, element);
                hasIcs[a] = asset.Services.Any(KnownServices.IsUnauthenticatedIcsProtocol);
                hasAdmin[a] = asset.Services.Any(AssetRoles.IsAdminService);
                zoneOfAsset[a] = asset.ZoneId is { } zid && index.ZoneIndex.TryGetValue(zid, out var z) ? z : -1;
                if (zoneOfAsset[a] >= 0)
                {
                    assetsInZone[zoneOfAsset[a]].Add(a);
                }

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

            SameZoneReach();
            ConduitReach();
            var exploit = Findings();
            HostRules();
            Entries(entryNodes);
            TrustedRoutes();

            return new ExposureGraph(g.Build(), index, control, manipulate, netReach, exploit, steps, routes, entryWhy);
        }

        private ExploitStep[] steps = [];

        private void SameZoneReach()
        {
            for (var z = 0; z < assetsInZone.Length; z++)
            {
                foreach (var a in assetsInZone[z])
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
            if (!readsOnly)
            {
                routesFromZone[from].Add((node, to, service, kind, conduit, element));
            }

            g.AddEdge(position[from], node, 1.0, StepKind.Pass);
            foreach (var b in assetsInZone[to])
            {
                ConnectServiceReach(node, b, service, kind, conduit, commands: !readsOnly);
            }
        }

        /// <summary>Edges from a route node to the reach nodes of an asset whose services the route's service overlaps.</summary>
        private void ConnectServiceReach(int routeNode, int asset, ServiceEndpoint service, StepKind kind, int via, bool commands = true)
        {
            var any = false;
            var ics = false;
            foreach (var offered in index.Assets[asset].Services)
            {
                if (ServiceMatch.Overlaps(service, offered))
                {
                    any = true;
                    ics |= KnownServices.IsUnauthenticatedIcsProtocol(offered);
                }
            }

            if (any)
            {
                g.AddEdge(routeNode, netReach[asset], 1.0, kind, via);
            }

            if (ics && commands)
            {
                g.AddEdge(routeNode, icsReach[asset], 1.0, kind, via);
            }
        }

        private int[] Findings()
        {
            var findings = index.Findings;
            var exploit = new int[findings.Count];
            steps = new ExploitStep[findings.Count];
            for (var f = 0; f < findings.Count; f++)
            {
                var finding = findings[f];
                exploit[f] = -1;
                var step = Likelihoods.Exploit(finding);
                steps[f] = step;
                if (!index.AssetIndex.TryGetValue(finding.AssetId, out var a))
                {
                    continue;
                }

                if (step.Reach is not (ExploitReach.Network or ExploitReach.Adjacent))
                {
                    continue;
                }

                var element = g.NewElement(new CutElement(ElementKind.Finding, finding.Id, $"{finding.VulnerabilityId} on {index.Assets[a].Name}"));
                var node = g.AddNode(NodeKind.Exploit, f, element);
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

        private readonly List<(int Node, int From, int To, ServiceEndpoint? Service, StepKind Kind, int Via, int Element)> hostRoutes = [];

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
                    hostRoutes.Add((node, from, to, service, StepKind.AllowRule, r, element));
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

                hostRoutes.Add((node, from, to, flow.Service, StepKind.ObservedFlow, f, element));
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
                    var hub = Hub(hubs, -1 - z, trust, -1, new RouteInfo(StepKind.SameZone, z, null, trust), node =>
                    {
                        foreach (var b in assetsInZone[z])
                        {
                            AddSession(node, b, trust, hasAdmin[b], z);
                        }
                    });
                    g.AddEdge(control[t], hub, 1.0, StepKind.Pass);

                    foreach (var route in routesFromZone[z])
                    {
                        var conduitHub = Hub(hubs, route.Node, trust, route.Element, new RouteInfo(route.Kind, route.Conduit, route.Service, trust), node =>
                        {
                            foreach (var b in assetsInZone[route.TargetZone])
                            {
                                var (reaches, admin) = Reaches(route.Service, b);
                                if (reaches)
                                {
                                    AddSession(node, b, trust, admin, route.Conduit);
                                }
                            }
                        });
                        g.AddEdge(control[t], conduitHub, 1.0, StepKind.Pass);
                    }
                }

                foreach (var route in hostRoutes.Where(r => r.From == t))
                {
                    var hostHub = Hub(hubs, route.Node, trust, route.Element, new RouteInfo(route.Kind, route.Via, route.Service, trust), node =>
                    {
                        var (reaches, admin) = route.Kind == StepKind.ObservedFlow ? (true, AssetRoles.IsAdminService(route.Service!.Value)) : Reaches(route.Service!.Value, route.To);
                        if (reaches)
                        {
                            AddSession(node, route.To, trust, admin, route.Via);
                        }
                    });
                    g.AddEdge(control[t], hostHub, 1.0, StepKind.Pass);
                }
            }
        }

        private int Hub(Dictionary<(int, TrustClass), int> hubs, int routeKey, TrustClass trust, int element, RouteInfo info, Action<int> connect)
        {
            if (hubs.TryGetValue((routeKey, trust), out var node))
            {
                return node;
            }

            node = g.AddNode(NodeKind.TrustedRoute, routeKey, element);
            routes[node] = info;
            hubs.Add((routeKey, trust), node);
            connect(node);
            return node;
        }

        private (bool Reaches, bool Admin) Reaches(ServiceEndpoint service, int asset)
        {
            var reaches = false;
            var admin = false;
            foreach (var offered in index.Assets[asset].Services)
            {
                if (ServiceMatch.Overlaps(service, offered))
                {
                    reaches = true;
                    admin |= AssetRoles.IsAdminService(offered);
                }
            }

            return (reaches, admin);
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
}
