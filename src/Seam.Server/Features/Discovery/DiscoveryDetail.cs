using Seam.Discovery;
using Seam.Protocols.Dissection;
using Seam.Storage.Discovery;

namespace Seam.Server.Features.Discovery;

/// <summary>A discovery as the API returns it: what was read, the review against the inventory now, and the decisions so far.</summary>
public sealed record DiscoveryDetail(
    DiscoverySummary Summary,
    IReadOnlyList<DiscoveryFile> Files,
    IReadOnlyDictionary<ProtocolId, long> FramesByProtocol,
    DiscoveryReview Review,
    IReadOnlyList<ItemDecision> Decisions,
    int Undecided)
{
    public static DiscoveryDetail From(StoredDiscovery stored) => new(
        stored.Summary,
        stored.Files,
        stored.Result.FramesByProtocol,
        stored.Review,
        [.. stored.Decisions.Values.OrderBy(d => d.Item, StringComparer.Ordinal)],
        stored.Undecided);
}
