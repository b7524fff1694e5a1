using Seam.Inventory;

namespace Seam.Intelligence.Matching;

/// <summary>
/// The assets arranged for matching: by canonical vendor, and within a vendor by distinct product name, so that an
/// advisory product is compared once per distinct product a plant has rather than once per device; and by the
/// identifiers (CPE vendor:product, package URL name, model and serial numbers) that make identifier matches.
/// </summary>
public sealed class AssetIndex
{
    private readonly Dictionary<string, List<ProductGroup>> byVendor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Asset>> byIdentifierKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Asset>> byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Asset>> bySerial = new(StringComparer.Ordinal);

    public AssetIndex(IEnumerable<Asset> assets, VendorAliases aliases)
    {
        Aliases = aliases;
        var groups = new Dictionary<(string Vendor, string Product), ProductGroup>();
        foreach (var asset in assets)
        {
            Count++;
            var vendor = aliases.Canonical(asset.Vendor);
            if (vendor.Length > 0)
            {
                var productWords = NameTokens.Split(asset.Product);
                var modelWords = NameTokens.Split(asset.Model);
                var key = (vendor, string.Join(' ', productWords) + "|" + string.Join(' ', modelWords));
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new ProductGroup(productWords, modelWords, []);
                    groups.Add(key, group);
                    if (!byVendor.TryGetValue(vendor, out var list))
                    {
                        byVendor[vendor] = list = [];
                    }

                    list.Add(group);
                }

                group.Assets.Add(asset);
            }

            foreach (var identifier in asset.Identifiers)
            {
                if (ProductIdentifierKey.Of(identifier) is { } identifierKey)
                {
                    Add(byIdentifierKey, identifierKey, asset);
                }
            }

            if (ModelKey(asset.Model) is { Length: > 0 } model)
            {
                Add(byModel, model, asset);
            }

            if (ModelKey(asset.SerialNumber) is { Length: > 0 } serial)
            {
                Add(bySerial, serial, asset);
            }
        }
    }

    public VendorAliases Aliases { get; }

    public int Count { get; }

    /// <summary>The distinct (product, model) groups of a canonical vendor.</summary>
    public IReadOnlyList<ProductGroup> ProductsOf(string canonicalVendor) =>
        byVendor.TryGetValue(canonicalVendor, out var groups) ? groups : [];

    public IReadOnlyList<Asset> WithIdentifierKey(string key) => byIdentifierKey.TryGetValue(key, out var list) ? list : [];

    public IReadOnlyList<Asset> WithModel(string model) => byModel.TryGetValue(ModelKey(model) ?? string.Empty, out var list) ? list : [];

    public IReadOnlyList<Asset> WithSerial(string serial) => bySerial.TryGetValue(ModelKey(serial) ?? string.Empty, out var list) ? list : [];

    /// <summary>Every model (or serial) key with its assets, for wildcard patterns.</summary>
    public IEnumerable<KeyValuePair<string, List<Asset>>> AllModelsOrSerials(bool models) => models ? byModel : bySerial;

    /// <summary>Model and serial numbers compare without case, spaces or dashes ("6ES7 516-3AN02-0AB0" = "6ES75163AN020AB0").</summary>
    public static string? ModelKey(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Concat(text.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    private static void Add(Dictionary<string, List<Asset>> index, string key, Asset asset)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(asset);
    }

    /// <summary>Assets of one vendor sharing a product name and model.</summary>
    public sealed record ProductGroup(IReadOnlyList<string> ProductWords, IReadOnlyList<string> ModelWords, List<Asset> Assets);
}
