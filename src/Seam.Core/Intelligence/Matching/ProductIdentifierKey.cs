using Seam.Intelligence.Identifiers;
using Seam.Inventory;

namespace Seam.Intelligence.Matching;

/// <summary>
/// Identifier matching: an advisory's CPE names and package URLs against the assets' own. Assets are indexed by the
/// part of an identifier that names the product (CPE vendor:product, purl type/namespace/name); the full comparison
/// then decides, and a CPE that matches without naming a version lets the advisory's version or range decide.
/// </summary>
internal static class ProductIdentifierKey
{
    /// <summary>The index key of an identifier, or null when it is not a CPE or purl Seam can read.</summary>
    public static string? Of(string identifier)
    {
        if (identifier.StartsWith("cpe:", StringComparison.OrdinalIgnoreCase))
        {
            return Cpe.Parse(identifier).Value is { } cpe ? CpeKey(cpe) : null;
        }

        return identifier.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase) && PackageUrl.Parse(identifier).Value is { } purl ? PurlKey(purl) : null;
    }

    public static IEnumerable<(Asset Asset, IdentifierEvidence How)> Candidates(string advisoryIdentifier, AssetIndex index)
    {
        if (advisoryIdentifier.StartsWith("cpe:", StringComparison.OrdinalIgnoreCase))
        {
            if (Cpe.Parse(advisoryIdentifier).Value is not { } source || CpeKey(source) is not { } key)
            {
                yield break;
            }

            foreach (var asset in index.WithIdentifierKey(key))
            {
                foreach (var text in asset.Identifiers)
                {
                    if (Cpe.Parse(text).Value is not { } target || CpeKey(target) != key)
                    {
                        continue;
                    }

                    var verdict = source.Matches(target);
                    if (verdict.Outcome == MatchOutcome.NoMatch)
                    {
                        continue;
                    }

                    // A version the asset's CPE states is the most precise one there is; otherwise the asset's version field.
                    var version = target.Version is Cpe.Any or Cpe.NotApplicable ? null : target.Version.Replace("\\", string.Empty, StringComparison.Ordinal);
                    var words = verdict.Outcome == MatchOutcome.Match
                        ? $"CPE '{advisoryIdentifier}' matches asset CPE '{text}'"
                        : $"CPE '{advisoryIdentifier}' names the asset's product ('{text}'), but {verdict.Reason}";
                    yield return (asset, new IdentifierEvidence(words, version));
                    break;
                }
            }

            yield break;
        }

        if (PackageUrl.Parse(advisoryIdentifier).Value is not { } package)
        {
            yield break;
        }

        foreach (var asset in index.WithIdentifierKey(PurlKey(package)))
        {
            foreach (var text in asset.Identifiers)
            {
                if (PackageUrl.Parse(text).Value is not { } target || PurlKey(target) != PurlKey(package))
                {
                    continue;
                }

                var verdict = package.Matches(target);
                if (verdict.Outcome == MatchOutcome.NoMatch)
                {
                    continue;
                }

                yield return (asset, new IdentifierEvidence($"package URL '{advisoryIdentifier}' matches asset package URL '{text}': {verdict.Reason}", target.Version));
                break;
            }
        }
    }

    private static string? CpeKey(Cpe cpe) =>
        cpe.Vendor is Cpe.Any or Cpe.NotApplicable || cpe.Product is Cpe.Any or Cpe.NotApplicable
            ? null
            : $"cpe:{cpe.Vendor.ToLowerInvariant()}:{cpe.Product.ToLowerInvariant()}";

    private static string PurlKey(PackageUrl purl) => $"pkg:{purl.Type}/{purl.Namespace}/{purl.Name}";
}
