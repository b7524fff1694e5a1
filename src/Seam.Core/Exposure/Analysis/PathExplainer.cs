using Seam.Exposure.Graph;
using Seam.Inventory;

namespace Seam.Exposure.Analysis;

/// <summary>Turns a chain of graph edges into an <see cref="AttackPath"/> whose hops explain themselves for IT and OT.</summary>
public sealed class PathExplainer(ExposureGraph exposure)
{
    private readonly AttackGraph graph = exposure.Graph;
    private readonly ModelIndex index = exposure.Index;

    /// <summary>The path recorded by a search tree ending at <paramref name="node"/>, or null when it was not reached.</summary>
    /// <param name="targetAsset">Asset index the path ends on (the node's own asset, or the finding's asset for an exploit node).</param>
    public AttackPath? PathTo(int node, int targetAsset, int[] parentEdge, int[] parentNode, int[] origin, AttackerState outcome)
    {
        if (origin[node] < 0)
        {
            return null;
        }

        var edges = new List<int>();
        for (var v = node; parentEdge[v] >= 0; v = parentNode[v])
        {
            edges.Add(parentEdge[v]);
        }

        edges.Reverse();
        var entryIndex = origin[node];
        var entry = index.Entries[entryIndex];
        var entryP = graph.SourceLikelihood[entryIndex];
        var hops = new List<AttackHop>(edges.Count + 1);
        string? landing = null;
        if (edges.Count > 0 && graph.Step(edges[0]) == StepKind.EntryLands)
        {
            landing = index.Zones[graph.SubjectOf(graph.Target(edges[0]))].Id;
        }

        hops.Add(EntryHop(entryIndex, entry, entryP, landing));
        var likelihood = entryP;
        for (var i = 0; i < edges.Count; i++)
        {
            var e = edges[i];
            likelihood *= graph.Likelihood(e);
            if (!Propagation.IsExplained(graph.Step(e)))
            {
                continue;
            }

            var from = i == 0 ? graph.SourceNodes[entryIndex] : graph.Target(edges[i - 1]);
            var before = i >= 2 ? graph.Target(edges[i - 2]) : i == 1 ? graph.SourceNodes[entryIndex] : -1;
            hops.Add(Hop(e, from, before));
        }

        var target = index.Assets[targetAsset];
        return new AttackPath
        {
            EntryPointId = entry.Id,
            EntryPointName = entry.Name,
            TargetAssetId = target.Id,
            Outcome = outcome,
            Likelihood = likelihood,
            Hops = hops,
        };
    }

    /// <summary>"Krones remote service → Jump host → EWS-1 → SIS-1".</summary>
    public static string Summary(AttackPath path, Func<string, string> assetName)
    {
        var names = new List<string> { path.EntryPointName };
        foreach (var id in path.AssetIds)
        {
            var name = assetName(id);
            if (names[^1] != name)
            {
                names.Add(name);
            }
        }

        return string.Join(" → ", names);
    }

    private AttackHop EntryHop(int entryIndex, EntrySource entry, double p, string? landing)
    {
        var zoneName = landing is null ? null : index.Zones[index.ZoneIndex[landing]].Name;
        var lands = zoneName is null ? string.Empty : $" It lands in zone {zoneName}.";
        var (forIt, forOt) = entry.Kind switch
        {
            EntryPointKind.Internet => ("Initial access from the internet.", "Anyone on the internet can try this, at any hour."),
            EntryPointKind.EnterpriseIt => ("Initial access from a foothold in the office network (phishing, a compromised laptop).",
                "A compromised office PC is the starting point; no one has to come near the plant."),
            EntryPointKind.RemovableMedia => ("Initial access by infected removable media.", "A USB stick plugged in on the shop floor is the starting point."),
            _ => ($"Initial access through {(entry.IsAccessGrant ? "an access grant" : "vendor remote access")} {entry.Method ?? string.Empty}{(entry.MfaRequired ? " (MFA required)" : " without MFA")}.".Replace("  ", " ", StringComparison.Ordinal),
                $"Whoever has {entry.Vendor ?? "the vendor"}'s login can connect to the plant{(entry.Availability == RemoteAccessAvailability.AlwaysOn ? " at any time" : " while the path is switched on")}."),
        };
        return new AttackHop
        {
            Kind = HopKind.Entry,
            ViaId = entry.Id,
            ZoneId = landing,
            Likelihood = p,
            Why = $"{entry.Name}: {exposure.EntryLikelihoodWhy[entryIndex]}.{lands}",
            ForIt = forIt + lands,
            ForOt = forOt,
        };
    }

    private AttackHop Hop(int e, int from, int before)
    {
        var step = graph.Step(e);
        var to = graph.Target(e);
        var p = graph.Likelihood(e);
        var toKind = graph.KindOf(to);
        var asset = toKind is NodeKind.Control or NodeKind.Manipulate or NodeKind.NetworkReach or NodeKind.IcsReach
            ? index.Assets[graph.SubjectOf(to)]
            : null;
        var route = exposure.Routes.TryGetValue(from, out var r) ? r : (RouteInfo?)null;
        switch (step)
        {
            case StepKind.SameZone:
                {
                    var zone = index.Zones[graph.Via(e)];
                    return new AttackHop
                    {
                        Kind = HopKind.Reach,
                        AssetId = asset!.Id,
                        ZoneId = zone.Id,
                        ViaId = zone.Id,
                        Likelihood = p,
                        Why = $"{asset.Name} is in zone {zone.Name}, where the attacker already is; nothing filters traffic inside a zone.",
                        ForIt = $"Same network zone ({zone.Name}), no firewall in between.",
                        ForOt = $"Anything in {zone.Name} can talk to {asset.Name}.",
                    };
                }

            case StepKind.ConduitForward or StepKind.ConduitReverse:
                {
                    var conduit = index.Conduits[graph.Via(e)];
                    var service = route?.Service;
                    var enforced = conduit.EnforcedBy is null ? string.Empty : $" (enforced by {conduit.EnforcedBy})";
                    var direction = step == StepKind.ConduitReverse ? " in its reverse direction (the conduit is bidirectional)" : string.Empty;
                    return new AttackHop
                    {
                        Kind = HopKind.Reach,
                        AssetId = asset!.Id,
                        ZoneId = asset.ZoneId,
                        ViaId = conduit.Id,
                        Service = service,
                        Likelihood = p,
                        Why = $"Conduit {conduit.Name ?? conduit.Id}{enforced} allows {service}{direction}, and {asset.Name} listens on it.",
                        ForIt = $"Firewall rule {conduit.Name ?? conduit.Id} permits {service} to {asset.Name}.",
                        ForOt = $"The link between the zones lets {service?.Protocol ?? service?.ToString()} traffic through to {asset.Name}.",
                    };
                }

            case StepKind.AllowRule:
                {
                    var rule = index.AllowRules[graph.Via(e)];
                    return new AttackHop
                    {
                        Kind = HopKind.Reach,
                        AssetId = asset!.Id,
                        ZoneId = asset.ZoneId,
                        ViaId = rule.Id,
                        Service = route?.Service,
                        Likelihood = p,
                        Why = $"Allow rule {rule.Id} lets {Name(rule.FromAssetId)} open {route?.Service} on {asset.Name}.",
                        ForIt = $"Host pinhole {rule.Id}: {Name(rule.FromAssetId)} → {asset.Name} on {route?.Service}.",
                        ForOt = $"{Name(rule.FromAssetId)} is allowed to talk to {asset.Name} directly.",
                    };
                }

            case StepKind.ObservedFlow:
                {
                    var flow = index.Flows[graph.Via(e)];
                    return new AttackHop
                    {
                        Kind = HopKind.Reach,
                        AssetId = asset!.Id,
                        ZoneId = asset.ZoneId,
                        ViaId = flow.Id,
                        Service = flow.Service,
                        Likelihood = p,
                        Why = $"Traffic from {Name(flow.SourceAssetId)} to {asset.Name} on {flow.Service} was observed{(flow.Source is null ? string.Empty : " in " + flow.Source)}: the path exists whatever the conduits say.",
                        ForIt = $"Observed flow {flow.SourceAssetId} → {flow.TargetAssetId} {flow.Service}.",
                        ForOt = $"{Name(flow.SourceAssetId)} really does talk to {asset.Name}.",
                    };
                }

            case StepKind.EntryTargets:
                {
                    var entry = index.Entries[graph.Via(e)];
                    return new AttackHop
                    {
                        Kind = HopKind.Reach,
                        AssetId = asset!.Id,
                        ZoneId = asset.ZoneId,
                        ViaId = entry.Id,
                        Likelihood = p,
                        Why = $"{entry.Name} is set up to reach {asset.Name} directly.",
                        ForIt = $"{entry.Name} targets {asset.Name}.",
                        ForOt = $"The remote connection goes straight to {asset.Name}.",
                    };
                }

            case StepKind.Exploit:
                {
                    var f = graph.Via(e);
                    var finding = index.Findings[f];
                    var owner = index.Assets[index.AssetIndex[finding.AssetId]];
                    var stepInfo = exposure.Steps[f];
                    return new AttackHop
                    {
                        Kind = HopKind.Exploit,
                        AssetId = owner.Id,
                        ZoneId = owner.ZoneId,
                        FindingId = finding.Id,
                        VulnerabilityId = finding.VulnerabilityId,
                        Likelihood = p,
                        Why = $"{finding.VulnerabilityId} on {owner.Name}: {stepInfo.Why}.",
                        ForIt = $"Exploit {finding.VulnerabilityId}{(finding.CvssScore is { } score ? $" (CVSS {score:0.0})" : string.Empty)}{(finding.Evidence.InKev ? ", in CISA KEV" : string.Empty)}{(finding.Remediation is null ? string.Empty : "; fix: " + finding.Remediation)}.",
                        ForOt = $"A known weakness in {owner.Name}{(owner.ProcessLine is null ? string.Empty : " (" + owner.ProcessLine + ")")} gives the attacker control of it.",
                    };
                }

            case StepKind.UnauthenticatedIcs:
                {
                    var target = index.Assets[graph.SubjectOf(to)];
                    var ics = target.Services.Where(KnownServices.IsUnauthenticatedIcsProtocol).Select(s => s.ToString()).ToList();
                    var list = string.Join(", ", ics);
                    return new AttackHop
                    {
                        Kind = HopKind.UnauthenticatedIcs,
                        AssetId = target.Id,
                        ZoneId = target.ZoneId,
                        Service = target.Services.FirstOrDefault(KnownServices.IsUnauthenticatedIcsProtocol),
                        Likelihood = p,
                        Why = $"{target.Name} speaks {list}, which has no authentication: whoever reaches it can send commands, no vulnerability needed (90%: freely available tools).",
                        ForIt = $"Unauthenticated ICS protocol ({list}) on {target.Name}; no CVE involved.",
                        ForOt = $"Anyone who can reach {target.Name} can start, stop or change setpoints{(target.ProcessLine is null ? string.Empty : " on " + target.ProcessLine)}.",
                    };
                }

            case StepKind.ControllerCommand:
                {
                    var target = index.Assets[graph.SubjectOf(to)];
                    return new AttackHop
                    {
                        Kind = HopKind.ControllerCommand,
                        AssetId = target.Id,
                        ZoneId = target.ZoneId,
                        Likelihood = p,
                        Why = $"Control of {target.Name} ({target.Kind}) is control of the process it runs.",
                        ForIt = $"Code execution on {target.Name} means its logic and outputs can be changed.",
                        ForOt = $"The attacker can drive {target.Name}{(target.ProcessLine is null ? string.Empty : " on " + target.ProcessLine)} as if from the control room{(target.SafetyRelevant ? " — it is safety-relevant" : string.Empty)}.",
                    };
                }

            case StepKind.TrustedSession:
                {
                    var target = index.Assets[graph.SubjectOf(to)];
                    var outcome = graph.KindOf(to) == NodeKind.Control ? "control" : "process commands";
                    if (graph.KindOf(from) == NodeKind.Entry)
                    {
                        var entry = index.Entries[graph.SubjectOf(from)];
                        return new AttackHop
                        {
                            Kind = HopKind.TrustedSession,
                            AssetId = target.Id,
                            ZoneId = target.ZoneId,
                            ViaId = entry.Id,
                            Likelihood = p,
                            Why = $"{entry.Name} gives its user a session on {target.Name}: whoever holds the path holds that session.",
                            ForIt = $"Remote session on {target.Name} through {entry.Name}{(entry.MfaRequired ? string.Empty : " (no MFA)")}.",
                            ForOt = $"The remote user works directly on {target.Name}.",
                        };
                    }

                    var host = before >= 0 && graph.KindOf(before) == NodeKind.Control ? index.Assets[graph.SubjectOf(before)] : null;
                    var trust = route?.Trust ?? TrustClass.None;
                    var why = AssetRoles.Session(trust, target, true).Why;
                    var routeText = route is { } ri ? RouteText(ri) : string.Empty;
                    return new AttackHop
                    {
                        Kind = HopKind.TrustedSession,
                        AssetId = target.Id,
                        ZoneId = target.ZoneId,
                        ViaId = route is { Kind: StepKind.ConduitForward or StepKind.ConduitReverse } c ? index.Conduits[c.Via].Id
                            : route is { Kind: StepKind.AllowRule } ar ? index.AllowRules[ar.Via].Id
                            : route is { Kind: StepKind.ObservedFlow } fl ? index.Flows[fl.Via].Id : null,
                        Service = route?.Service,
                        Likelihood = p,
                        Why = $"{host?.Name ?? "The trusted host"} uses its own sessions{routeText} to get {outcome} of {target.Name}: {why}.",
                        ForIt = $"Credential and session reuse from {host?.Name ?? "a trusted host"} ({host?.Kind}) to {target.Name}{routeText}.",
                        ForOt = $"From {host?.Name ?? "the trusted station"}, the attacker can do whatever its operators and engineers do on {target.Name}.",
                    };
                }

            default:
                {
                    var pivotAsset = index.Assets[graph.SubjectOf(from)];
                    var zone = index.Zones[graph.SubjectOf(to)];
                    return new AttackHop
                    {
                        Kind = HopKind.Pivot,
                        AssetId = pivotAsset.Id,
                        ZoneId = zone.Id,
                        Likelihood = p,
                        Why = $"From {pivotAsset.Name} the attacker sends from inside zone {zone.Name}.",
                        ForIt = $"Lateral movement: {pivotAsset.Name} becomes a foothold in {zone.Name}.",
                        ForOt = $"The attacker now sits inside {zone.Name}.",
                    };
                }
        }
    }

    private string RouteText(RouteInfo route) => route.Kind switch
    {
        StepKind.SameZone => $" inside zone {index.Zones[route.Via].Name}",
        StepKind.ConduitForward or StepKind.ConduitReverse => $" over {route.Service} through conduit {index.Conduits[route.Via].Name ?? index.Conduits[route.Via].Id}",
        StepKind.AllowRule => $" over {route.Service} (allow rule {index.AllowRules[route.Via].Id})",
        StepKind.ObservedFlow => $" over {route.Service} (observed flow)",
        _ => string.Empty,
    };

    private string Name(string assetId) => index.AssetIndex.TryGetValue(assetId, out var a) ? index.Assets[a].Name : assetId;
}
