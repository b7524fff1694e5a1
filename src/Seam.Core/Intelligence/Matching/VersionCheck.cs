using Seam.Intelligence.Versions;
using Seam.Inventory;

namespace Seam.Intelligence.Matching;

public enum VersionOutcome
{
    Inside,
    Outside,

    /// <summary>Not decided: no version on one side, or versions Seam cannot compare. Never read as Outside.</summary>
    Unknown,
}

public sealed record VersionVerdict(VersionOutcome Outcome, string Reason);

/// <summary>
/// Decides whether an asset's version is one an advisory product speaks about: its exact version (product_version
/// branch) or its range (product_version_range branch). The range is parsed once per product; verdicts are cached per
/// distinct asset version, because a plant runs few distinct firmware versions of one product.
/// </summary>
internal sealed class VersionCheck(AdvisoryProduct product)
{
    private readonly Dictionary<string, VersionVerdict> cache = new(StringComparer.Ordinal);
    private VersionRangeParse? range;

    public VersionVerdict Evaluate(Asset asset, string? identifierVersion)
    {
        var assetVersion = identifierVersion ?? asset.Version;
        if (product.Version is null && product.VersionRange is null)
        {
            return new VersionVerdict(VersionOutcome.Unknown, "the advisory names no version for this product, so the version could not be confirmed");
        }

        if (string.IsNullOrWhiteSpace(assetVersion))
        {
            return new VersionVerdict(VersionOutcome.Unknown,
                $"the asset has no version recorded, so '{product.Version ?? product.VersionRange}' could not be checked");
        }

        if (cache.TryGetValue(assetVersion, out var cached))
        {
            return cached;
        }

        var source = identifierVersion is null ? "asset version" : "identifier version";
        RangeVerdict verdict;
        if (product.Version is not null)
        {
            verdict = VendorVersion.Matches(product.Version, assetVersion);
        }
        else
        {
            range ??= VersionRange.Parse(product.VersionRange!);
            verdict = range.Range?.Evaluate(assetVersion) ?? RangeVerdict.Unknown(range.Reason!);
        }

        var outcome = verdict.Outcome switch
        {
            RangeOutcome.Inside => VersionOutcome.Inside,
            RangeOutcome.Outside => VersionOutcome.Outside,
            _ => VersionOutcome.Unknown,
        };
        var stated = product.Version is not null ? $"version '{product.Version}'" : $"range '{product.VersionRange}'";
        var result = new VersionVerdict(outcome, $"{source} '{assetVersion}' against advisory {stated}: {verdict.Reason}");
        cache[assetVersion] = result;
        return result;
    }
}
