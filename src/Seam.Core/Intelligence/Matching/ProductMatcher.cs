using Seam.Intelligence.Findings;
using Seam.Intelligence.Versions;
using Seam.Inventory;

namespace Seam.Intelligence.Matching;

/// <summary>
/// Finds the assets one advisory product describes. Three routes, strongest first: a product identifier (CPE name,
/// package URL, model or serial number from the product's identification helper), then vendor + product name. The
/// version (exact or range) then decides: inside keeps the match, outside drops it, and anything Seam cannot compare
/// keeps it at name-only confidence with the reason in the explanation.
/// </summary>
public static class ProductMatcher
{
    public static IReadOnlyList<ProductMatch> Match(AdvisoryProduct product, AssetIndex index)
    {
        var matches = new Dictionary<string, ProductMatch>(StringComparer.Ordinal);
        var versions = new VersionCheck(product);

        foreach (var (asset, how) in IdentifierCandidates(product, index))
        {
            var verdict = versions.Evaluate(asset, how.IdentifierVersion);
            if (verdict.Outcome == VersionOutcome.Outside)
            {
                continue;
            }

            var confidence = verdict.Outcome == VersionOutcome.Unknown ? MatchConfidence.NameOnly : MatchConfidence.Identifier;
            Keep(matches, new ProductMatch(asset, confidence, $"{how.Words}; {verdict.Reason}"));
        }

        var vendor = index.Aliases.Canonical(product.Vendor);
        if (vendor.Length == 0)
        {
            return [.. matches.Values];
        }

        var advisoryWords = AdvisoryProductWords(product);
        foreach (var group in index.ProductsOf(vendor))
        {
            if (NameAgreement(advisoryWords, group) is not { } nameWords)
            {
                continue;
            }

            foreach (var asset in group.Assets)
            {
                if (matches.TryGetValue(asset.Id, out var existing) && existing.Confidence == MatchConfidence.Identifier)
                {
                    continue;
                }

                var verdict = versions.Evaluate(asset, identifierVersion: null);
                if (verdict.Outcome == VersionOutcome.Outside)
                {
                    continue;
                }

                var confidence = verdict.Outcome == VersionOutcome.Inside ? MatchConfidence.NameAndVersion : MatchConfidence.NameOnly;
                var vendorWords = index.Aliases.Relate(product.Vendor, asset.Vendor) ?? $"vendor '{asset.Vendor}'";
                Keep(matches, new ProductMatch(asset, confidence, $"{vendorWords}, {nameWords}; {verdict.Reason}"));
            }
        }

        return [.. matches.Values];
    }

    private static void Keep(Dictionary<string, ProductMatch> matches, ProductMatch match)
    {
        if (!matches.TryGetValue(match.Asset.Id, out var existing) || match.Confidence > existing.Confidence)
        {
            matches[match.Asset.Id] = match;
        }
    }

    /// <summary>The advisory's product name words: the product_name branch, else the full name without the vendor's words.</summary>
    private static IReadOnlyList<string> AdvisoryProductWords(AdvisoryProduct product)
    {
        if (product.Product is not null)
        {
            return NameTokens.Split(product.Product);
        }

        var vendorWords = NameTokens.Split(product.Vendor).ToHashSet(StringComparer.Ordinal);
        return [.. NameTokens.Split(product.Name).Where(w => !vendorWords.Contains(w))];
    }

    /// <summary>
    /// The words that made the names agree, or null: the asset's product (or product + model) runs inside the advisory's
    /// product name, or the advisory's product name runs inside the asset's product + model — each only when the
    /// contained name is specific enough to stand alone.
    /// </summary>
    private static string? NameAgreement(IReadOnlyList<string> advisoryWords, AssetIndex.ProductGroup group)
    {
        if (advisoryWords.Count == 0 || group.ProductWords.Count == 0)
        {
            return null;
        }

        var assetWords = group.ProductWords;
        var assetWithModel = group.ModelWords.Count == 0 ? assetWords : [.. assetWords, .. group.ModelWords];
        var asset = string.Join(' ', assetWords);
        var advisory = string.Join(' ', advisoryWords);

        if (assetWithModel.Count > assetWords.Count && NameTokens.ContainsRun(advisoryWords, assetWithModel))
        {
            return $"asset product + model '{string.Join(' ', assetWithModel)}' within advisory product '{advisory}'";
        }

        if (NameTokens.IsSpecific(assetWords) && NameTokens.ContainsRun(advisoryWords, assetWords))
        {
            return advisoryWords.Count == assetWords.Count
                ? $"product '{advisory}' = asset product"
                : $"asset product '{asset}' within advisory product '{advisory}'";
        }

        if (NameTokens.IsSpecific(advisoryWords) && NameTokens.ContainsRun(assetWithModel, advisoryWords))
        {
            return $"advisory product '{advisory}' within asset product/model '{string.Join(' ', assetWithModel)}'";
        }

        return null;
    }

    private static IEnumerable<(Asset Asset, IdentifierEvidence How)> IdentifierCandidates(AdvisoryProduct product, AssetIndex index)
    {
        foreach (var text in product.Cpes.Concat(product.Purls))
        {
            foreach (var (asset, evidence) in ProductIdentifierKey.Candidates(text, index))
            {
                yield return (asset, evidence);
            }
        }

        var vendor = index.Aliases.Canonical(product.Vendor);
        foreach (var model in product.ModelNumbers)
        {
            foreach (var asset in Glob(model, index, byModel: true))
            {
                // A model number is only unique within a vendor: require the vendors to agree where both are known.
                if (vendor.Length == 0 || asset.Vendor is null || index.Aliases.Canonical(asset.Vendor) == vendor)
                {
                    yield return (asset, new IdentifierEvidence($"model number '{model}' = asset model '{asset.Model}'", null));
                }
            }
        }

        foreach (var serial in product.SerialNumbers)
        {
            foreach (var asset in Glob(serial, index, byModel: false))
            {
                yield return (asset, new IdentifierEvidence($"serial number '{serial}' = asset serial number '{asset.SerialNumber}'", null));
            }
        }
    }

    /// <summary>CSAF model and serial numbers may end in '*' for "any suffix"; anything else compares exactly.</summary>
    private static IEnumerable<Asset> Glob(string pattern, AssetIndex index, bool byModel)
    {
        var key = AssetIndex.ModelKey(pattern.TrimEnd('*'));
        if (key is null)
        {
            return [];
        }

        if (!pattern.EndsWith('*'))
        {
            return byModel ? index.WithModel(pattern) : index.WithSerial(pattern);
        }

        return index.AllModelsOrSerials(byModel).Where(pair => pair.Key.StartsWith(key, StringComparison.Ordinal)).SelectMany(pair => pair.Value);
    }
}

/// <summary>Which identifier agreed, and the version it carries when it carries one.</summary>
public sealed record IdentifierEvidence(string Words, string? IdentifierVersion);
