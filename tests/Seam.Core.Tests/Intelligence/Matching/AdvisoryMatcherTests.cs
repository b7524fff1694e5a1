using Seam.Intelligence;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Matching;
using Seam.Inventory;

namespace Seam.Core.Tests.Intelligence.Matching;

public sealed class AdvisoryMatcherTests
{
    private static Asset Asset(string id, string? vendor, string? product, string? version, string? model = null, params string[] identifiers) => new()
    {
        Id = id,
        SiteId = "north",
        Name = id.ToUpperInvariant(),
        Kind = AssetKind.Plc,
        Vendor = vendor,
        Product = product,
        Model = model,
        Version = version,
        Identifiers = identifiers,
        ProcessLine = "Line 1",
        Patchability = Patchability.MaintenanceWindow,
    };

    private static AdvisoryProduct Product(string id, string vendor, string product, string? version = null, string? range = null) => new()
    {
        ProductId = id,
        Name = $"{vendor} {product} {version ?? range}".Trim(),
        DefinedAt = "/product_tree/branches/0",
        Vendor = vendor,
        Product = product,
        Version = version,
        VersionRange = range,
    };

    private static AdvisoryFacts Advisory(IEnumerable<AdvisoryProduct> products, params ProductStatement[] statements) =>
        new("ADV-1", "1", "Test advisory", products.ToDictionary(p => p.ProductId),
            [new VulnerabilityFacts("CVE-2026-0001", "Test", statements,
                new Dictionary<string, ProductScore> { ["P1"] = new("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8) },
                new Dictionary<string, string> { ["P1"] = "vendor fix: update to V2.9.7" })]);

    private static IReadOnlyList<AdvisoryMatch> Match(AdvisoryFacts advisory, params Asset[] assets) =>
        new AdvisoryMatcher(new AssetIndex(assets, VendorAliases.Create())).Match(advisory);

    [Fact]
    public void Version_inside_the_range_matches_by_name_and_version_and_says_which_fields()
    {
        var advisory = Advisory([Product("P1", "Siemens", "SIMATIC S7-1500 CPU", range: "<V2.9.7")], new ProductStatement("P1", ProductStatusKind.KnownAffected));

        var matches = Match(advisory,
            Asset("plc-old", "Siemens AG", "SIMATIC S7-1500 CPU", "V2.9.4"),
            Asset("plc-new", "Siemens AG", "SIMATIC S7-1500 CPU", "V2.9.7"));

        var match = Assert.Single(matches);
        Assert.Equal("plc-old", match.AssetId);
        Assert.Equal(MatchConfidence.NameAndVersion, match.Confidence);
        Assert.Equal(FindingState.Open, match.EvidencedState);
        Assert.Contains("P1", match.Explanation, StringComparison.Ordinal);
        Assert.Contains("<V2.9.7", match.Explanation, StringComparison.Ordinal);
        Assert.Contains("V2.9.4", match.Explanation, StringComparison.Ordinal);
        Assert.Contains("Siemens AG", match.Explanation, StringComparison.Ordinal);
        Assert.Contains("9.8", match.ForIt, StringComparison.Ordinal);
        Assert.Contains("maintenance window", match.ForOt, StringComparison.Ordinal);
    }

    [Fact]
    public void An_uncomparable_version_keeps_the_match_at_name_only_with_the_reason()
    {
        var advisory = Advisory([Product("P1", "Siemens", "SIMATIC S7-1500 CPU", range: "<V2.9.7")], new ProductStatement("P1", ProductStatusKind.KnownAffected));

        var unknown = Assert.Single(Match(advisory, Asset("plc", "Siemens", "SIMATIC S7-1500 CPU", "see label on device")));
        var missing = Assert.Single(Match(advisory, Asset("plc", "Siemens", "SIMATIC S7-1500 CPU", null)));

        Assert.Equal(MatchConfidence.NameOnly, unknown.Confidence);
        Assert.Contains("see label on device", unknown.Explanation, StringComparison.Ordinal);
        Assert.Equal(MatchConfidence.NameOnly, missing.Confidence);
        Assert.Contains("no version recorded", missing.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_not_affected_and_fixed_statements_are_honoured()
    {
        var advisory = Advisory(
            [
                Product("P1", "Siemens", "SIMATIC S7-1500 CPU", range: "<V2.9.7"),
                Product("P2", "Siemens", "SIMATIC S7-1500 CPU", version: "V2.9.7"),
                Product("P3", "Siemens", "SIMATIC S7-1200 CPU"),
            ],
            new ProductStatement("P1", ProductStatusKind.KnownAffected),
            new ProductStatement("P2", ProductStatusKind.Fixed),
            new ProductStatement("P3", ProductStatusKind.KnownNotAffected));

        var matches = Match(advisory,
            Asset("affected", "Siemens", "SIMATIC S7-1500 CPU", "V2.9.4"),
            Asset("fixed", "Siemens", "SIMATIC S7-1500 CPU", "V2.9.7"),
            Asset("vex", "Siemens", "SIMATIC S7-1200 CPU", "V4.5"))
            .ToDictionary(m => m.AssetId);

        Assert.Equal(FindingState.Open, matches["affected"].EvidencedState);
        Assert.Equal(FindingState.Fixed, matches["fixed"].EvidencedState);
        Assert.Equal(ProductStatusKind.Fixed, matches["fixed"].Status);
        Assert.Equal(FindingState.NotAffected, matches["vex"].EvidencedState);
    }

    [Fact]
    public void Vendor_aliases_join_brands_and_legal_names_and_the_explanation_names_the_alias()
    {
        var advisory = Advisory([Product("P1", "Rockwell Automation", "ControlLogix 5580", range: "<33.011")], new ProductStatement("P1", ProductStatusKind.KnownAffected));

        var match = Assert.Single(Match(advisory, Asset("plc", "Allen-Bradley", "ControlLogix 5580", "32.013")));

        Assert.Equal(MatchConfidence.NameAndVersion, match.Confidence);
        Assert.Contains("alias", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Plant_aliases_extend_the_table()
    {
        var advisory = Advisory([Product("P1", "Acme Controls", "Widget PLC 9", version: "1.0")], new ProductStatement("P1", ProductStatusKind.KnownAffected));
        var asset = Asset("plc", "ACME-Local Distribution", "Widget PLC 9", "1.0");

        Assert.Empty(Match(advisory, asset));
        var aliases = VendorAliases.Create([new VendorAlias("ACME-Local Distribution", "Acme Controls", "a distributor of")]);
        var match = Assert.Single(new AdvisoryMatcher(new AssetIndex([asset], aliases)).Match(advisory));
        Assert.Contains("a distributor of", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_vendor_or_an_unspecific_product_name_does_not_match()
    {
        var advisory = Advisory([Product("P1", "Siemens", "HMI")], new ProductStatement("P1", ProductStatusKind.KnownAffected));

        Assert.Empty(Match(advisory, Asset("a", "Siemens", "Panel", "1.0"), Asset("b", "Schneider Electric", "HMI", "1.0")));
    }

    [Fact]
    public void Product_plus_model_within_the_advisory_name_matches()
    {
        var advisory = Advisory([Product("P1", "Siemens", "SIMATIC S7-1500 CPU 1516-3 PN/DP", range: "<V3.0")], new ProductStatement("P1", ProductStatusKind.KnownAffected));

        var match = Assert.Single(Match(advisory, Asset("plc", "Siemens", "SIMATIC S7-1500", "V2.9.4", model: "CPU 1516-3 PN/DP")));

        Assert.Contains("model", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_numbers_from_the_identification_helper_make_an_identifier_match()
    {
        var product = Product("P1", "Siemens", "SIMATIC S7-1500 CPU", range: "<V2.9.7") with { ModelNumbers = ["6ES7516-3AN0*"] };
        var advisory = Advisory([product], new ProductStatement("P1", ProductStatusKind.KnownAffected));

        var match = Assert.Single(Match(advisory, Asset("plc", "Siemens", "S7-1516", "V2.9.4", model: "6ES7 516-3AN02-0AB0")));

        Assert.Equal(MatchConfidence.Identifier, match.Confidence);
        Assert.Contains("model number", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_strongest_statement_wins_and_between_equals_the_affected_one()
    {
        // The asset has no version: both the affected range and the fixed version match by name only.
        var advisory = Advisory(
            [Product("P1", "Siemens", "SIMATIC S7-1500 CPU", range: "<V2.9.7"), Product("P2", "Siemens", "SIMATIC S7-1500 CPU", version: "V2.9.7")],
            new ProductStatement("P2", ProductStatusKind.Fixed),
            new ProductStatement("P1", ProductStatusKind.KnownAffected));

        var match = Assert.Single(Match(advisory, Asset("plc", "Siemens", "SIMATIC S7-1500 CPU", null)));

        Assert.Equal(ProductStatusKind.KnownAffected, match.Status);
        Assert.Equal(MatchConfidence.NameOnly, match.Confidence);
    }
}
