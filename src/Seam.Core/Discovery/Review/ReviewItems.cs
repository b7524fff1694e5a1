namespace Seam.Discovery;

/// <summary>
/// The stable names of what a reviewer decides on. A review is recomputed against the inventory each time it is
/// shown, so decisions are kept by these names rather than by position: a device by its key (IP, else MAC), a flow by
/// its ends and service.
/// </summary>
public static class ReviewItems
{
    public static string Device(DiscoveredDevice device) => "device:" + device.Key;

    public static string Flow(DiscoveredFlow flow) => $"flow:{flow.Client}>{flow.Server}:{flow.Service}";

    public static bool IsDevice(string item) => item.StartsWith("device:", StringComparison.Ordinal);

    /// <summary>Every decidable item of a review: new and changed devices, and flows no conduit allows.</summary>
    public static IEnumerable<string> Decidable(DiscoveryReview review) =>
        review.NewDevices.Select(d => Device(d.Device))
            .Concat(review.ChangedDevices.Select(d => Device(d.Device)))
            .Concat(review.Violations.Select(v => Flow(v.Flow)));
}
