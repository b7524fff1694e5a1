using Seam.Inventory;

namespace Seam.Discovery;

/// <summary>An observed flow to record, between two assets the inventory will hold once the merge is written.</summary>
public sealed record PlannedFlow(
    string SourceAssetId, string TargetAssetId, ServiceEndpoint Service, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Packets, long Bytes);

/// <summary>
/// What merging a reviewed discovery writes: the accepted new assets, the accepted identity changes, and the observed
/// flows between assets the inventory then holds. Computed from the inventory as stored at the moment of the merge,
/// so a change made since the review was shown is neither lost nor overwritten by a stale copy.
/// </summary>
public sealed record DiscoveryMergePlan
{
    public required IReadOnlyList<Asset> Created { get; init; }

    public required IReadOnlyList<Asset> Updated { get; init; }

    public required IReadOnlyList<PlannedFlow> Flows { get; init; }

    /// <summary>IP flows left out: an end is not an asset (a rejected or undecided device, a broadcast), or a rejected or undecided violation.</summary>
    public required int FlowsLeftOut { get; init; }

    /// <summary>The assets to write, as an inventory merge import takes them.</summary>
    public InventoryModel Incoming => new() { Assets = [.. Created, .. Updated] };

    /// <param name="accepted">Item names (<see cref="ReviewItems"/>) the reviewers accepted; everything else stays out.</param>
    public static DiscoveryMergePlan Build(InventoryModel stored, DiscoveryResult result, string siteId, IReadOnlySet<string> accepted)
    {
        var review = InventoryComparison.Compare(stored, result, siteId);
        var ids = stored.Assets.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var created = new List<Asset>();
        foreach (var device in review.NewDevices.Where(d => accepted.Contains(ReviewItems.Device(d.Device))))
        {
            var asset = device.Proposed.Copy();
            asset.Id = UniqueId(asset.Id, ids);
            created.Add(asset);
        }

        var storedById = stored.Assets.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var updated = review.ChangedDevices
            .Where(d => accepted.Contains(ReviewItems.Device(d.Device)))
            .Select(d => Apply(storedById[d.AssetId], d))
            .ToList();

        var owners = InventoryComparison.AssetIndex.Of([.. stored.Assets.Where(a => a.SiteId == siteId && updated.All(u => u.Id != a.Id)).Concat(updated).Concat(created)]);
        var violations = review.Violations.Select(v => ReviewItems.Flow(v.Flow)).ToHashSet(StringComparer.Ordinal);
        var flows = new Dictionary<(string, string, ServiceEndpoint), PlannedFlow>();
        var leftOut = 0;
        foreach (var flow in result.Flows.Where(f => f.Transport != Transport.Ethernet))
        {
            var item = ReviewItems.Flow(flow);
            if ((violations.Contains(item) && !accepted.Contains(item))
                || !owners.TryGetValue(flow.Client, out var sourceAsset) || !owners.TryGetValue(flow.Server, out var targetAsset) || sourceAsset == targetAsset)
            {
                leftOut++;
                continue;
            }

            var (source, target) = (sourceAsset.Id, targetAsset.Id);
            var key = (source, target, flow.Service);
            flows[key] = flows.TryGetValue(key, out var seen)
                ? seen with
                {
                    FirstSeen = Min(seen.FirstSeen, flow.FirstSeen),
                    LastSeen = Max(seen.LastSeen, flow.LastSeen),
                    Packets = seen.Packets + flow.Packets,
                    Bytes = seen.Bytes + flow.Bytes,
                }
                : new PlannedFlow(source, target, flow.Service, flow.FirstSeen, flow.LastSeen, flow.Packets, flow.Bytes);
        }

        return new DiscoveryMergePlan
        {
            Created = created,
            Updated = updated,
            Flows = [.. flows.Values.OrderBy(f => f.SourceAssetId, StringComparer.Ordinal).ThenBy(f => f.TargetAssetId, StringComparer.Ordinal)
                .ThenBy(f => f.Service.ToString(), StringComparer.Ordinal)],
            FlowsLeftOut = leftOut,
        };
    }

    /// <summary>The stored asset with every observed difference taken: identity fields replaced, addresses added.</summary>
    private static Asset Apply(Asset stored, ChangedDevice change)
    {
        var asset = stored.Copy();
        foreach (var field in change.Changes)
        {
            switch (field.Field)
            {
                case "vendor": asset.Vendor = field.Observed; break;
                case "product": asset.Product = field.Observed; break;
                case "model": asset.Model = field.Observed; break;
                case "version": asset.Version = field.Observed; break;
                case "serial number": asset.SerialNumber = field.Observed; break;
                case "addresses": asset.Addresses = [.. asset.Addresses, field.Observed]; break;
                case "MAC addresses": asset.MacAddresses = [.. asset.MacAddresses, field.Observed]; break;
                default: throw new InvalidOperationException($"The comparison reported a field the merge cannot apply: '{field.Field}'.");
            }
        }

        asset.LastSeen = Max(asset.LastSeen ?? change.Device.LastSeen, change.Device.LastSeen);
        return asset;
    }

    /// <summary>A proposed id is derived from the address, so an asset re-addressed since may already hold it.</summary>
    private static string UniqueId(string proposed, HashSet<string> taken)
    {
        var id = proposed;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{proposed}-{n}";
        }

        return id;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
