using System.Text.Json.Nodes;
using Seam.Intelligence;
using Seam.Intelligence.Csaf;

namespace Seam.Core.Tests.Intelligence.Csaf;

public class CsafProductsTests
{
    private static CsafDocument Read(string json)
    {
        using var result = CsafReaderTests.ReadText(json);
        Assert.True(result.Succeeded, CsafReader.Describe(result.Errors));
        return result.Document!;
    }

    private static readonly Lazy<CsafDocument> LazyMinimal = new(() => Read(CsafReaderTests.Minimal));

    private static CsafDocument Minimal => LazyMinimal.Value;

    [Fact]
    public void A_branch_leaf_carries_vendor_family_product_and_range_from_its_ancestors()
    {
        var product = CsafProducts.Describe(Minimal)["PLC-OLD"];

        Assert.Equal("Example PLC 1500 < 2.9", product.Name);
        Assert.Equal("Example", product.Vendor);
        Assert.Equal("S7", product.ProductFamily);
        Assert.Equal("PLC 1500", product.Product);
        Assert.Null(product.Version);
        Assert.Equal("vers:generic/<2.9", product.VersionRange);
        Assert.Equal(["6ES7 51?-*"], product.ModelNumbers);
        Assert.Equal("/product_tree/branches/0/branches/0/branches/0/branches/0/product", product.DefinedAt);
        Assert.Null(product.RelationshipCategory);
    }

    [Fact]
    public void An_architecture_branch_stays_in_the_name_and_does_not_hide_the_version()
    {
        var product = CsafProducts.Describe(Minimal)["PLC-29"];

        Assert.Equal("2.9", product.Version);
        Assert.Null(product.VersionRange);
        Assert.Equal("PLC 1500", product.Product);
        Assert.Equal("Example PLC 1500 2.9 (arm)", product.Name);
        Assert.Equal(["cpe:2.3:h:example:plc_1500:2.9:*:*:*:*:*:*:*"], product.Cpes);
        Assert.Equal("/product_tree/branches/0/branches/0/branches/0/branches/1/branches/0/product", product.DefinedAt);
    }

    [Fact]
    public void A_full_product_name_has_only_its_helpers()
    {
        var product = CsafProducts.Describe(Minimal)["TOOL-5"];

        Assert.Null(product.Vendor);
        Assert.Null(product.Product);
        Assert.Equal(["pkg:generic/example/tool@5"], product.Purls);
        Assert.Equal("/product_tree/full_product_names/0", product.DefinedAt);
    }

    [Fact]
    public void A_relationship_product_carries_its_components_identity_and_names_the_platform()
    {
        var product = CsafProducts.Describe(Minimal)["PLC-OLD-ON-TOOL"];

        Assert.Equal("Old PLC firmware managed by Tool 5", product.Name);
        Assert.Equal("installed_on", product.RelationshipCategory);
        Assert.Equal("TOOL-5", product.PlatformProductId);
        Assert.Equal("Example", product.Vendor);
        Assert.Equal("PLC 1500", product.Product);
        Assert.Equal("vers:generic/<2.9", product.VersionRange);
        Assert.Equal(["6ES7 51?-*"], product.ModelNumbers);
        Assert.Equal("/product_tree/relationships/0/full_product_name", product.DefinedAt);
    }

    [Fact]
    public void A_relationship_on_a_relationship_resolves_whatever_their_order()
    {
        var node = JsonNode.Parse(CsafReaderTests.Minimal)!;
        node["product_tree"]!["relationships"]!.AsArray().Insert(0, JsonNode.Parse("""
            { "category": "default_component_of", "product_reference": "PLC-OLD-ON-TOOL", "relates_to_product_reference": "TOOL-5",
              "full_product_name": { "name": "Bundle", "product_id": "BUNDLE" } }
            """));

        var product = CsafProducts.Describe(Read(node.ToJsonString()))["BUNDLE"];

        Assert.Equal("PLC 1500", product.Product);
        Assert.Equal("default_component_of", product.RelationshipCategory);
        Assert.Equal("/product_tree/relationships/0/full_product_name", product.DefinedAt);
    }

    [Fact]
    public void Nested_product_families_are_joined_outermost_first()
    {
        var node = JsonNode.Parse(CsafReaderTests.Minimal)!;
        var family = node["product_tree"]!["branches"]![0]!["branches"]![0]!.AsObject();
        var inner = family["branches"]!.DeepClone();
        family["branches"] = new JsonArray(new JsonObject { ["category"] = "product_family", ["name"] = "Advanced", ["branches"] = inner });

        var product = CsafProducts.Describe(Read(node.ToJsonString()))["PLC-OLD"];

        Assert.Equal("S7 Advanced", product.ProductFamily);
    }

    [Fact]
    public void Groups_expand_to_their_products_and_unknown_groups_to_nothing()
    {
        Assert.Equal(["PLC-OLD", "PLC-29"], CsafProducts.ExpandGroups(Minimal, ["ALL-PLC"]));
        Assert.Empty(CsafProducts.ExpandGroups(Minimal, ["NO-SUCH-GROUP"]));

        var mitigation = Minimal.Vulnerabilities[0].Remediations[1];
        Assert.Equal(["PLC-OLD", "PLC-29"], CsafProducts.Resolve(Minimal, mitigation.ProductIds, mitigation.GroupIds));
        Assert.Equal(["PLC-29", "PLC-OLD"], CsafProducts.Resolve(Minimal, ["PLC-29"], ["ALL-PLC"]));
    }

    [Fact]
    public void Product_status_lists_every_kind_naming_a_product_and_leaves_unlisted_products_out()
    {
        var statuses = CsafProducts.ProductStatusOf(Minimal.Vulnerabilities[0]);

        Assert.Equal([ProductStatusKind.KnownAffected], statuses["PLC-OLD"]);
        Assert.Equal([ProductStatusKind.Fixed, ProductStatusKind.Recommended], statuses["PLC-29"]);
        Assert.Equal([ProductStatusKind.KnownAffected], statuses["PLC-OLD-ON-TOOL"]);
        Assert.False(statuses.ContainsKey("TOOL-5"));
    }

    [Fact]
    public void A_document_without_a_product_tree_describes_no_products()
    {
        var node = JsonNode.Parse(CsafReaderTests.Minimal)!.AsObject();
        node.Remove("product_tree");
        var document = Read(node.ToJsonString());

        Assert.Empty(CsafProducts.Describe(document));
        Assert.Empty(document.DefinedProductIds);
        Assert.Empty(CsafProducts.ExpandGroups(document, ["ALL-PLC"]));
    }

    [Fact]
    public void A_copy_with_another_product_tree_does_not_keep_the_old_ids()
    {
        Assert.Equal(4, Minimal.DefinedProductIds.Count);
        var copy = Minimal with { ProductTree = new CsafProductTree { FullProductNames = [new CsafFullProductName { Name = "n", ProductId = "ONLY" }] } };
        Assert.Equal(["ONLY"], copy.DefinedProductIds);
    }
}
