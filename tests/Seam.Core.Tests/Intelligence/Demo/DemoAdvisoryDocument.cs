using System.Text.Json.Nodes;
using Seam.Intelligence.Demo;

namespace Seam.Core.Tests.Intelligence.Demo;

/// <summary>
/// A demo advisory read with nothing but System.Text.Json, so that these checks do not depend on the CSAF reader they
/// are meant to feed. Products are flattened from the branches with the vendor and product name above them; every place
/// that references a product or group id is kept with its JSON path.
/// </summary>
internal sealed class DemoAdvisoryDocument
{
    private static readonly string[] StatusLists =
        ["first_affected", "known_affected", "last_affected", "first_fixed", "fixed", "known_not_affected", "recommended", "under_investigation"];

    private DemoAdvisoryDocument(string name, JsonObject root)
    {
        Name = name;
        Root = root;
        WalkBranches(root["product_tree"]?["branches"] as JsonArray, "/product_tree/branches", vendor: null, productName: null);
        foreach (var (item, i) in Items(root["product_tree"]?["full_product_names"]))
        {
            Define(new Leaf(Text(item, "product_id"), $"/product_tree/full_product_names/{i}", null, null, null, null, null));
        }

        foreach (var (relationship, i) in Items(root["product_tree"]?["relationships"]))
        {
            var path = $"/product_tree/relationships/{i}";
            ProductReferences.Add(($"{path}/product_reference", Text(relationship, "product_reference")));
            ProductReferences.Add(($"{path}/relates_to_product_reference", Text(relationship, "relates_to_product_reference")));
            Define(new Leaf(Text(relationship["full_product_name"], "product_id"), $"{path}/full_product_name", null, null, null, null, null));
        }

        foreach (var (group, i) in Items(root["product_tree"]?["product_groups"]))
        {
            var ids = Items(group["product_ids"]).Select(p => p.Node!.GetValue<string>()).ToArray();
            GroupDefinitions.Add((Text(group, "group_id"), ids));
            foreach (var (id, j) in ids.Select((id, j) => (id, j)))
            {
                ProductReferences.Add(($"/product_tree/product_groups/{i}/product_ids/{j}", id));
            }
        }

        foreach (var (vulnerability, v) in Items(root["vulnerabilities"]))
        {
            var path = $"/vulnerabilities/{v}";
            foreach (var list in StatusLists)
            {
                foreach (var (id, j) in Items(vulnerability["product_status"]?[list]))
                {
                    ProductReferences.Add(($"{path}/product_status/{list}/{j}", id!.GetValue<string>()));
                }
            }

            foreach (var (score, s) in Items(vulnerability["scores"]))
            {
                foreach (var (id, j) in Items(score["products"]))
                {
                    ProductReferences.Add(($"{path}/scores/{s}/products/{j}", id!.GetValue<string>()));
                }
            }

            foreach (var part in new[] { "remediations", "threats", "flags" })
            {
                foreach (var (item, k) in Items(vulnerability[part]))
                {
                    foreach (var (id, j) in Items(item["product_ids"]))
                    {
                        ProductReferences.Add(($"{path}/{part}/{k}/product_ids/{j}", id!.GetValue<string>()));
                    }

                    foreach (var (id, j) in Items(item["group_ids"]))
                    {
                        GroupReferences.Add(($"{path}/{part}/{k}/group_ids/{j}", id!.GetValue<string>()));
                    }
                }
            }
        }
    }

    public string Name { get; }

    public JsonObject Root { get; }

    public JsonObject Document => (JsonObject)Root["document"]!;

    public JsonArray Vulnerabilities => (JsonArray)Root["vulnerabilities"]!;

    /// <summary>Every product definition in document order, duplicates included (test 6.1.2 looks for them).</summary>
    public List<Leaf> Definitions { get; } = [];

    public List<(string GroupId, string[] ProductIds)> GroupDefinitions { get; } = [];

    public List<(string Path, string ProductId)> ProductReferences { get; } = [];

    public List<(string Path, string GroupId)> GroupReferences { get; } = [];

    public static IReadOnlyList<DemoAdvisoryDocument> All { get; } =
        [.. DemoAdvisories.All().Select(a => new DemoAdvisoryDocument(a.Name, (JsonObject)JsonNode.Parse(a.Content)!))];

    public static DemoAdvisoryDocument Named(string name) => All.Single(a => a.Name == name);

    public Leaf Product(string productId) => Definitions.Single(d => d.ProductId == productId);

    /// <summary>The product ids a vulnerability lists under one product status, e.g. <c>known_affected</c>.</summary>
    public IReadOnlyList<string> Status(JsonNode vulnerability, string list) =>
        [.. Items(vulnerability["product_status"]?[list]).Select(p => p.Node!.GetValue<string>())];

    /// <summary>The product ids a remediation, threat or flag applies to, with its groups expanded.</summary>
    public IReadOnlyList<string> AppliesTo(JsonNode item) =>
    [
        .. Items(item["product_ids"]).Select(p => p.Node!.GetValue<string>()),
        .. Items(item["group_ids"]).SelectMany(g => GroupDefinitions.Single(d => d.GroupId == g.Node!.GetValue<string>()).ProductIds),
    ];

    public static IEnumerable<(JsonNode Node, int Index)> Items(JsonNode? array) =>
        array is JsonArray items ? items.Select((node, i) => (node!, i)) : [];

    public static string Text(JsonNode? node, string property) =>
        node?[property]?.GetValue<string>() ?? throw new InvalidOperationException($"'{property}' is missing.");

    public override string ToString() => Name;

    private void WalkBranches(JsonArray? branches, string path, string? vendor, string? productName)
    {
        foreach (var (branch, i) in Items(branches))
        {
            var here = $"{path}/{i}";
            var category = Text(branch, "category");
            var name = Text(branch, "name");
            var branchVendor = category == "vendor" ? name : vendor;
            var branchProduct = category == "product_name" ? name : productName;
            if (branch["product"] is { } product)
            {
                Define(new Leaf(
                    Text(product, "product_id"),
                    $"{here}/product",
                    branchVendor,
                    branchProduct,
                    category == "product_version" ? name : null,
                    category == "product_version_range" ? name : null,
                    product["product_identification_helper"]?["cpe"]?.GetValue<string>()));
            }

            WalkBranches(branch["branches"] as JsonArray, $"{here}/branches", branchVendor, branchProduct);
        }
    }

    private void Define(Leaf leaf) => Definitions.Add(leaf);

    /// <summary>One defined product: its vendor and product name from the branches above it, and its version or range.</summary>
    internal sealed record Leaf(string ProductId, string DefinedAt, string? Vendor, string? ProductName, string? Version, string? Range, string? Cpe);
}
