using System.Globalization;
using Seam.Exposure.Graph;
using Seam.Inventory;

namespace Seam.Exposure.Planning;

/// <summary>
/// The plan's cost model: what removing each kind of <see cref="CutElement"/> costs the plant, and whether it needs a
/// maintenance window. Formulas (money in the site's currency, "rate" = the asset's
/// <see cref="Asset.DowntimeCostPerHour"/>, else <see cref="PlanCosts.DefaultDowntimeCostPerHour"/>):
/// <list type="bullet">
/// <item>Patch a finding: <see cref="PatchDowntimeHours"/>(asset kind) × rate, plus <see cref="PlanCosts.VendorApprovalCost"/>
/// when the asset's patches need vendor approval. Needs a window unless the asset is patchable any time; never a candidate
/// on an asset marked never patchable.</item>
/// <item>Block a service on a conduit: <see cref="PlanCosts.BlockServiceCost"/>; when observed traffic uses the service
/// across the conduit's zones, plus <see cref="PlanCosts.BlockUsedServiceDowntimeHours"/> × the highest rate among the
/// assets that traffic goes to, and a window on that asset's line (the traffic has to be re-engineered).</item>
/// <item>Remove an entry point: <see cref="PlanCosts.RemoveRemoteAccessCost"/>; only vendor remote access and access
/// grants (<see cref="EntrySource.IsRemovable"/>).</item>
/// <item>Remove an allow rule: <see cref="PlanCosts.RemoveAllowRuleCost"/>. Stop an observed flow: <see cref="PlanCosts.BlockServiceCost"/>.</item>
/// <item>Isolate an asset: <see cref="PlanCosts.IsolationFixedCost"/> + <see cref="PlanCosts.IsolationDowntimeHours"/> × rate;
/// needs a window unless the asset may be stopped any time; crown jewels are never isolated.</item>
/// </list>
/// </summary>
public static class CandidateActions
{
    /// <summary>
    /// Hours an asset of this kind is out of service for a patch: controllers must be stopped, downloaded and tested
    /// (2 h; a safety controller 4 h, for its proof test), PCs and network gear restart in about an hour, servers take 2 h.
    /// </summary>
    public static double PatchDowntimeHours(AssetKind kind) => kind switch
    {
        AssetKind.SafetyController => 4,
        AssetKind.Plc or AssetKind.Rtu or AssetKind.Ied or AssetKind.Drive => 2,
        AssetKind.Historian or AssetKind.ScadaServer or AssetKind.OpcServer or AssetKind.Server or AssetKind.JumpHost
            or AssetKind.CustomApplication or AssetKind.CloudConnector => 2,
        AssetKind.Hmi or AssetKind.EngineeringWorkstation or AssetKind.Workstation or AssetKind.Printer => 1,
        AssetKind.Switch or AssetKind.Router or AssetKind.Firewall or AssetKind.DataDiode or AssetKind.VpnGateway => 1,
        AssetKind.FieldDevice => 1,
        _ => 2,
    };

    /// <summary>Every element of the graph priced; null where the element may not be removed.</summary>
    public static CandidateAction?[] For(ExposureGraph graph, PlanCosts costs) =>
        [.. graph.Graph.Elements.Select(e => For(e, graph.Index, costs))];

    /// <summary>The action that removes <paramref name="element"/>, or null when it may not be removed.</summary>
    public static CandidateAction? For(CutElement element, ModelIndex index, PlanCosts costs) => element.Kind switch
    {
        ElementKind.Finding => PatchFinding(element, index, costs),
        ElementKind.ConduitService => BlockConduitService(element, index, costs),
        ElementKind.EntryPoint => RemoveEntryPoint(element, index, costs),
        ElementKind.AllowRule => RemoveAllowRule(element, index, costs),
        ElementKind.ObservedFlow => StopFlow(element, index, costs),
        ElementKind.Asset => Isolate(element, index, costs),
        _ => null,
    };

    private static CandidateAction? PatchFinding(CutElement element, ModelIndex index, PlanCosts costs)
    {
        if (!index.FindingIndex.TryGetValue(element.Id, out var f) || !index.AssetIndex.TryGetValue(index.Findings[f].AssetId, out var a))
        {
            return null;
        }

        var finding = index.Findings[f];
        var asset = index.Assets[a];
        if (asset.Patchability == Patchability.Never)
        {
            return null;
        }

        var hours = PatchDowntimeHours(asset.Kind);
        var (rate, rateWhy) = Rate(asset, costs);
        var vendor = asset.Patchability == Patchability.VendorApproval;
        var cost = (decimal)hours * rate + (vendor ? costs.VendorApprovalCost : 0);
        var fix = string.IsNullOrWhiteSpace(finding.Remediation) ? null : Shorten(finding.Remediation.Trim(), 160);
        var when = asset.Patchability switch
        {
            Patchability.AnyTime => "it may be patched any time",
            Patchability.VendorApproval => "it needs the vendor's approval and a maintenance window",
            _ => "it needs a maintenance window",
        };
        return new CandidateAction
        {
            Element = element,
            Title = $"Patch {finding.VulnerabilityId} on {asset.Name}" + (fix is null ? string.Empty : $" ({fix})"),
            Cost = cost,
            DowntimeHours = hours,
            NeedsMaintenanceWindow = asset.Patchability != Patchability.AnyTime,
            NeedsVendorApproval = vendor,
            SiteId = asset.SiteId,
            ProcessLine = asset.ProcessLine,
            CostWhy = $"{Hours(hours)} of downtime ({asset.Kind.DisplayName()} patch time) × {Money(rate)}/h ({rateWhy})"
                + (vendor ? $" + {Money(costs.VendorApprovalCost)} for the vendor's approval" : string.Empty) + $" = {Money(cost)}",
            ForIt = $"Install the fix for {finding.VulnerabilityId} on {asset.Name}" + (fix is null ? "." : $": {fix}."),
            ForOt = $"{asset.Name} ({asset.ProcessLine ?? "no line recorded"}) stops for about {Hours(hours)}; {when}.",
        };
    }

    private static CandidateAction? BlockConduitService(CutElement element, ModelIndex index, PlanCosts costs)
    {
        if (element.Service is not { } service || !index.ConduitIndex.TryGetValue(element.Id, out var c))
        {
            return null;
        }

        var conduit = index.Conduits[c];
        var from = ZoneName(index, conduit.FromZoneId);
        var to = ZoneName(index, conduit.ToZoneId);
        var users = index.Flows.Where(f => service.Covers(f.Service) && Crosses(index, conduit, f)).ToList();
        // Conduit names often are "from → to" already; say the zones only when the name does not.
        var named = conduit.Name is { } n && n.Contains(from, StringComparison.Ordinal) && n.Contains(to, StringComparison.Ordinal);
        var title = named ? $"Block {service} on conduit {conduit.Name}" : $"Block {service} on conduit {conduit.Name ?? conduit.Id} ({from} → {to})";
        if (users.Count == 0)
        {
            return new CandidateAction
            {
                Element = element,
                Title = title,
                Cost = costs.BlockServiceCost,
                SiteId = conduit.SiteId,
                CostWhy = $"a firewall change with no downtime: {Money(costs.BlockServiceCost)}; no observed traffic uses {service} on this conduit",
                ForIt = $"Remove {service} from the rules of {conduit.EnforcedBy ?? "the firewall enforcing " + (conduit.Name ?? conduit.Id)} between {from} and {to}.",
                ForOt = $"No traffic seen on the wire uses {service} between {from} and {to}, so production should not notice; keep a rollback ready.",
            };
        }

        // The line that has to re-engineer the traffic is the one whose downtime costs most.
        var affected = users.Select(f => index.AssetIndex.TryGetValue(f.TargetAssetId, out var t) ? index.Assets[t] : null)
            .OfType<Asset>().OrderByDescending(t => Rate(t, costs).Rate).ThenBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault();
        var (rate, rateWhy) = affected is null ? (costs.DefaultDowntimeCostPerHour, "the default rate") : Rate(affected, costs);
        var hours = costs.BlockUsedServiceDowntimeHours;
        var cost = costs.BlockServiceCost + (decimal)hours * rate;
        var flows = string.Join(", ", users.Take(3).Select(f => $"{f.SourceAssetId} → {f.TargetAssetId}")) + (users.Count > 3 ? $" and {users.Count - 3} more" : string.Empty);
        return new CandidateAction
        {
            Element = element,
            Title = title,
            Cost = cost,
            DowntimeHours = hours,
            NeedsMaintenanceWindow = true,
            SiteId = affected?.SiteId ?? conduit.SiteId,
            ProcessLine = affected?.ProcessLine,
            CostWhy = $"{Money(costs.BlockServiceCost)} for the firewall change + {Hours(hours)} of downtime × {Money(rate)}/h ({rateWhy}) "
                + $"because observed traffic uses it ({flows}) = {Money(cost)}",
            ForIt = $"Remove {service} from the rules between {from} and {to}; observed traffic uses it ({flows}), so move that traffic first.",
            ForOt = $"Observed traffic uses it: {flows}. Re-engineering it stops {affected?.ProcessLine ?? affected?.Name ?? "the line"} for about {Hours(hours)}.",
        };
    }

    private static CandidateAction? RemoveEntryPoint(CutElement element, ModelIndex index, PlanCosts costs)
    {
        if (!index.EntryIndex.TryGetValue(element.Id, out var e) || !index.Entries[e].IsRemovable)
        {
            return null;
        }

        var entry = index.Entries[e];
        var what = entry.IsAccessGrant ? "access grant" : "remote-access path";
        var who = entry.Vendor is null ? string.Empty : $" of {entry.Vendor}";
        return new CandidateAction
        {
            Element = element,
            Title = entry.IsAccessGrant ? $"Revoke {entry.Name}" : $"Remove remote access {entry.Name}",
            Cost = costs.RemoveRemoteAccessCost,
            SiteId = entry.SiteId,
            CostWhy = $"the vendor comes on site instead of connecting remotely: {Money(costs.RemoveRemoteAccessCost)}",
            ForIt = $"Disable the {what}{who}" + (entry.Method is null ? "." : $" ({entry.Method})."),
            ForOt = $"Support{who} is given on site (or through a supervised session) instead; no process downtime.",
        };
    }

    private static CandidateAction? RemoveAllowRule(CutElement element, ModelIndex index, PlanCosts costs)
    {
        var rule = index.AllowRules.FirstOrDefault(r => r.Id == element.Id);
        if (rule is null)
        {
            return null;
        }

        var services = rule.Services.Count == 0 ? "any service" : string.Join(", ", rule.Services);
        return new CandidateAction
        {
            Element = element,
            Title = $"Remove allow rule {rule.FromAssetId} → {rule.ToAssetId} ({services})",
            Cost = costs.RemoveAllowRuleCost,
            SiteId = rule.SiteId,
            CostWhy = $"a firewall rule change with no downtime: {Money(costs.RemoveAllowRuleCost)}",
            ForIt = $"Delete the pinhole letting {rule.FromAssetId} open {services} on {rule.ToAssetId}" + (rule.Description is null ? "." : $" ({rule.Description})."),
            ForOt = $"Check that nothing on the line still needs {rule.FromAssetId} → {rule.ToAssetId} before removing it; no process downtime.",
        };
    }

    private static CandidateAction? StopFlow(CutElement element, ModelIndex index, PlanCosts costs)
    {
        var flow = index.Flows.FirstOrDefault(f => f.Id == element.Id);
        if (flow is null)
        {
            return null;
        }

        return new CandidateAction
        {
            Element = element,
            Title = $"Stop observed flow {flow.SourceAssetId} → {flow.TargetAssetId} ({flow.Service})",
            Cost = costs.BlockServiceCost,
            SiteId = flow.SiteId,
            CostWhy = $"a firewall change enforcing the policy the flow breaks: {Money(costs.BlockServiceCost)}",
            ForIt = $"Enforce the segmentation: block {flow.Service} from {flow.SourceAssetId} to {flow.TargetAssetId}, seen on the wire" + (flow.Source is null ? "." : $" ({flow.Source})."),
            ForOt = $"Traffic {flow.SourceAssetId} → {flow.TargetAssetId} on {flow.Service} stops; confirm with operations that nothing relies on it.",
        };
    }

    private static CandidateAction? Isolate(CutElement element, ModelIndex index, PlanCosts costs)
    {
        if (!index.AssetIndex.TryGetValue(element.Id, out var a) || index.Assets[a].IsCrownJewel)
        {
            return null;
        }

        var asset = index.Assets[a];
        var hours = costs.IsolationDowntimeHours;
        var (rate, rateWhy) = Rate(asset, costs);
        var cost = costs.IsolationFixedCost + (decimal)hours * rate;
        return new CandidateAction
        {
            Element = element,
            Title = $"Isolate {asset.Name} from the network",
            Cost = cost,
            DowntimeHours = hours,
            NeedsMaintenanceWindow = asset.Patchability != Patchability.AnyTime,
            SiteId = asset.SiteId,
            ProcessLine = asset.ProcessLine,
            CostWhy = $"{Money(costs.IsolationFixedCost)} to re-cable and re-configure + {Hours(hours)} out of service × {Money(rate)}/h ({rateWhy}) = {Money(cost)}",
            ForIt = $"Unplug {asset.Name} from the network (or put it alone behind a deny-all rule).",
            ForOt = $"{asset.Name} ({asset.Kind.DisplayName()}) leaves the network for about {Hours(hours)}; its function moves elsewhere or waits.",
        };
    }

    private static (decimal Rate, string Why) Rate(Asset asset, PlanCosts costs) => asset.DowntimeCostPerHour is { } r
        ? (r, $"{asset.Name}'s downtime cost")
        : (costs.DefaultDowntimeCostPerHour, "default downtime cost; none recorded for " + asset.Name);

    /// <summary>True when the flow goes from one side of the conduit to the other in a direction the conduit allows.</summary>
    private static bool Crosses(ModelIndex index, Conduit conduit, Model.ObservedFlow flow)
    {
        var from = index.AssetIndex.TryGetValue(flow.SourceAssetId, out var s) ? index.Assets[s].ZoneId : null;
        var to = index.AssetIndex.TryGetValue(flow.TargetAssetId, out var t) ? index.Assets[t].ZoneId : null;
        return (from == conduit.FromZoneId && to == conduit.ToZoneId)
            || (conduit.Direction == ConduitDirection.Bidirectional && from == conduit.ToZoneId && to == conduit.FromZoneId);
    }

    private static string ZoneName(ModelIndex index, string zoneId) =>
        index.ZoneIndex.TryGetValue(zoneId, out var z) ? index.Zones[z].Name : zoneId;

    internal static string Money(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Hours(double hours) => hours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
