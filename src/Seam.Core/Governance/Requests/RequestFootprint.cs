using Seam.Inventory;

namespace Seam.Governance.Requests;

/// <summary>
/// What a request touches, as far as deciding it is concerned: where, how important, how reversible, how much
/// downtime, and what it does to exposure. Built from the assets a request links to.
/// </summary>
public sealed record RequestFootprint
{
    public required string SiteId { get; init; }

    public IReadOnlyList<string> ZoneIds { get; init; } = [];

    public IReadOnlyList<PurdueLevel> PurdueLevels { get; init; } = [];

    public IReadOnlyList<AssetKind> AssetKinds { get; init; } = [];

    /// <summary>Highest criticality among the assets touched (1–5); 1 when none are linked.</summary>
    public int MaxCriticality { get; init; } = 1;

    public bool SafetyRelevant { get; init; }

    /// <summary>False when the change cannot simply be undone (firmware without downgrade, a removed account, a deleted rule set).</summary>
    public bool Reversible { get; init; } = true;

    public double DowntimeHours { get; init; }

    /// <summary>The exposure engine's verdict on the request, when it could price it.</summary>
    public ExposureDelta? Exposure { get; init; }

    /// <summary>The footprint of a set of assets on one site; an asset's Purdue level is its zone's.</summary>
    public static RequestFootprint Of(string siteId, IEnumerable<Asset> assets, IReadOnlyDictionary<string, Zone> zones, bool reversible, double downtimeHours,
        ExposureDelta? exposure)
    {
        var list = assets.ToList();
        var levels = list.Select(a => a.ZoneId is { } z && zones.TryGetValue(z, out var zone) ? zone.Level : (PurdueLevel?)null)
            .OfType<PurdueLevel>().Distinct().Order().ToList();
        return new RequestFootprint
        {
            SiteId = siteId,
            ZoneIds = [.. list.Select(a => a.ZoneId).OfType<string>().Distinct(StringComparer.Ordinal)],
            PurdueLevels = levels,
            AssetKinds = [.. list.Select(a => a.Kind).Distinct()],
            MaxCriticality = list.Count == 0 ? 1 : list.Max(a => Math.Clamp(a.Criticality, 1, 5)),
            SafetyRelevant = list.Any(a => a.SafetyRelevant),
            Reversible = reversible,
            DowntimeHours = downtimeHours,
            Exposure = exposure,
        };
    }
}

/// <summary>What the exposure engine's what-if says a request does to exposure.</summary>
/// <param name="ScoreChange">Overall exposure score after minus before (0–100 scale).</param>
/// <param name="CrownJewelsNewlyReachable">Crown jewels an attacker could reach only once the request is done.</param>
/// <param name="PathsAdded">Entry point → crown jewel connections the request opens.</param>
/// <param name="Summary">The what-if's own sentence.</param>
public sealed record ExposureDelta(double ScoreChange, int CrownJewelsNewlyReachable, int PathsAdded, string Summary);
