using Seam.Intelligence.Findings;
using Seam.Inventory;

namespace Seam.Intelligence.Matching;

/// <summary>
/// Matches one advisory's product statements to the plant's assets. Every match names the product id, the version or
/// range, and the asset fields it used; a version that cannot be compared lowers the confidence and says why instead of
/// deciding silently. Where an asset matches several statements for one vulnerability, the strongest evidence wins, and
/// between equals the affected statement (the conservative reading).
/// </summary>
public sealed class AdvisoryMatcher(AssetIndex assets)
{
    public IReadOnlyList<AdvisoryMatch> Match(AdvisoryFacts advisory)
    {
        var productMatches = new Dictionary<string, IReadOnlyList<ProductMatch>>(StringComparer.Ordinal);
        var results = new List<AdvisoryMatch>();
        foreach (var vulnerability in advisory.Vulnerabilities)
        {
            var best = new Dictionary<string, (ProductStatement Statement, ProductMatch Match)>(StringComparer.Ordinal);
            foreach (var statement in vulnerability.Statements)
            {
                if (statement.Status == ProductStatusKind.Recommended || !advisory.Products.TryGetValue(statement.ProductId, out var product))
                {
                    continue;
                }

                if (!productMatches.TryGetValue(product.ProductId, out var matches))
                {
                    productMatches[product.ProductId] = matches = ProductMatcher.Match(product, assets);
                }

                foreach (var match in matches)
                {
                    if (!best.TryGetValue(match.Asset.Id, out var current) || Stronger(statement, match, current.Statement, current.Match))
                    {
                        best[match.Asset.Id] = (statement, match);
                    }
                }
            }

            foreach (var (statement, match) in best.Values)
            {
                results.Add(Describe(advisory, vulnerability, statement, match));
            }
        }

        return results;
    }

    private static bool Stronger(ProductStatement statement, ProductMatch match, ProductStatement currentStatement, ProductMatch current) =>
        match.Confidence != current.Confidence
            ? match.Confidence > current.Confidence
            : Weight(statement.Status) > Weight(currentStatement.Status);

    /// <summary>Between equally strong matches: affected, then fixed, then not affected, then under investigation.</summary>
    private static int Weight(ProductStatusKind status) => status switch
    {
        ProductStatusKind.KnownAffected or ProductStatusKind.FirstAffected or ProductStatusKind.LastAffected => 4,
        ProductStatusKind.Fixed or ProductStatusKind.FirstFixed => 3,
        ProductStatusKind.KnownNotAffected => 2,
        _ => 1,
    };

    /// <summary>The finding state an advisory statement calls for.</summary>
    public static FindingState EvidencedState(ProductStatusKind status) => status switch
    {
        ProductStatusKind.Fixed or ProductStatusKind.FirstFixed => FindingState.Fixed,
        ProductStatusKind.KnownNotAffected => FindingState.NotAffected,
        _ => FindingState.Open,
    };

    public static string StatusPhrase(ProductStatusKind status) => status switch
    {
        ProductStatusKind.KnownAffected => "known affected",
        ProductStatusKind.FirstAffected => "first affected",
        ProductStatusKind.LastAffected => "last affected",
        ProductStatusKind.Fixed => "fixed",
        ProductStatusKind.FirstFixed => "first fixed",
        ProductStatusKind.KnownNotAffected => "known not affected",
        ProductStatusKind.UnderInvestigation => "under investigation",
        ProductStatusKind.Recommended => "recommended",
        _ => status.ToString(),
    };

    private static AdvisoryMatch Describe(AdvisoryFacts advisory, VulnerabilityFacts vulnerability, ProductStatement statement, ProductMatch match)
    {
        var asset = match.Asset;
        var product = advisory.Products[statement.ProductId];
        vulnerability.Scores.TryGetValue(statement.ProductId, out var score);
        vulnerability.Remediations.TryGetValue(statement.ProductId, out var remediation);
        var status = StatusPhrase(statement.Status);

        var explanation =
            $"Advisory {advisory.AdvisoryId} (version {advisory.Version}) lists product {product.ProductId} '{product.Name}' " +
            $"as {status} for {vulnerability.VulnerabilityId}. Matched {match.Explanation}. Confidence: {ConfidencePhrase(match.Confidence)}.";

        var scoreText = score is null ? "no CVSS score stated" : $"CVSS {score.Score:0.0} ({score.Vector})";
        var forIt = EvidencedState(statement.Status) switch
        {
            FindingState.Fixed => $"{vulnerability.VulnerabilityId}, {scoreText}: the installed version is one the vendor states fixed; nothing to patch.",
            FindingState.NotAffected => $"{vulnerability.VulnerabilityId}, {scoreText}: the vendor states this product is not affected (VEX); no action.",
            _ => $"{vulnerability.VulnerabilityId}, {scoreText}, on {asset.Vendor} {asset.Product} {asset.Version}".TrimEnd() +
                 $". Remediation: {remediation ?? "none stated in the advisory"}.",
        };

        var place = asset.ProcessLine ?? asset.ZoneId ?? asset.SiteId;
        var safety = asset.SafetyRelevant ? ", safety relevant" : string.Empty;
        var forOt = EvidencedState(statement.Status) switch
        {
            FindingState.Fixed => $"{asset.Name} ({asset.Kind.DisplayName()}, {place}) already runs a fixed version; no stop needed.",
            FindingState.NotAffected => $"{asset.Name} ({asset.Kind.DisplayName()}, {place}) is not affected according to the vendor; no stop needed.",
            _ => $"{asset.Name} ({asset.Kind.DisplayName()}, {place}; criticality {asset.Criticality}/5{safety}) is affected. " +
                 PatchPhrase(asset.Patchability),
        };

        return new AdvisoryMatch(
            asset.Id, asset.SiteId, vulnerability.VulnerabilityId, advisory.AdvisoryId, advisory.Version, product.ProductId, product.Name,
            statement.Status, match.Confidence, EvidencedState(statement.Status), explanation, forIt, forOt, score?.Vector, score?.Score, remediation);
    }

    private static string ConfidencePhrase(MatchConfidence confidence) => confidence switch
    {
        MatchConfidence.Identifier => "identifier (a product identifier agrees)",
        MatchConfidence.NameAndVersion => "name and version",
        _ => "name only (the version could not be confirmed — review)",
    };

    private static string PatchPhrase(Patchability patchability) => patchability switch
    {
        Patchability.AnyTime => "It can be updated at any time without stopping the line.",
        Patchability.MaintenanceWindow => "Updating it needs a maintenance window.",
        Patchability.VendorApproval => "Updating it needs the vendor's approval first, then a maintenance window.",
        Patchability.Never => "It cannot be updated; only compensating controls (segmentation, access restrictions) reduce the risk.",
        _ => string.Empty,
    };
}

/// <summary>One asset matched to one vulnerability of an advisory, with the evidence and the explanations.</summary>
public sealed record AdvisoryMatch(
    string AssetId,
    string SiteId,
    string VulnerabilityId,
    string AdvisoryId,
    string AdvisoryVersion,
    string ProductId,
    string ProductName,
    ProductStatusKind Status,
    MatchConfidence Confidence,
    FindingState EvidencedState,
    string Explanation,
    string ForIt,
    string ForOt,
    string? CvssVector,
    double? CvssScore,
    string? Remediation);

/// <summary>An asset that matches one advisory product, how strongly, and the words that say which fields agreed.</summary>
public sealed record ProductMatch(Asset Asset, MatchConfidence Confidence, string Explanation);
