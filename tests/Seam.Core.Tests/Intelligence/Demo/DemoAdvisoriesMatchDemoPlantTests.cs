using System.Globalization;
using System.Reflection;
using Seam.Inventory;
using Seam.Inventory.Demo;

namespace Seam.Core.Tests.Intelligence.Demo;

/// <summary>
/// The demo advisories speak about the demo plant: their vendor, product and version strings are the catalogue's, their
/// ranges split fleets so that some units are affected and others not, and the one product identified by CPE is the one
/// whose demo units carry that CPE.
/// </summary>
public sealed class DemoAdvisoriesMatchDemoPlantTests
{
    private const string IgnitionCpePrefix = "cpe:2.3:a:inductiveautomation:ignition:";

    private static readonly InventoryModel Plant = DemoPlant.Create();

    private static readonly DemoProduct[] Catalog = [.. typeof(DemoCatalog)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetValue(null))
        .OfType<DemoProduct>()];

    public static TheoryData<string> Names => DemoAdvisoriesTests.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_product_names_a_vendor_and_product_the_demo_plant_runs(string name)
    {
        var advisory = DemoAdvisoryDocument.Named(name);

        Assert.All(advisory.Definitions, leaf =>
        {
            Assert.True(leaf.Vendor is not null && leaf.ProductName is not null, $"{leaf.DefinedAt}: no vendor or product_name branch above");
            Assert.True(Plant.Assets.Any(a => a.Vendor == leaf.Vendor && a.Product == leaf.ProductName),
                $"{leaf.DefinedAt}: no demo asset is '{leaf.Vendor}' '{leaf.ProductName}'");
        });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_exact_version_and_range_bound_is_a_version_of_the_catalogue_or_beyond_it(string name)
    {
        var advisory = DemoAdvisoryDocument.Named(name);

        Assert.All(advisory.Definitions.Where(l => l.Version is not null), leaf =>
            Assert.True(
                CatalogVersions(leaf).Contains(leaf.Version) || CatalogVersions(leaf).All(SimpleRange.Parse("<" + leaf.Version).Contains),
                $"{leaf.DefinedAt}: '{leaf.Version}' is neither a catalogue version of '{leaf.ProductName}' nor a later one"));
        Assert.All(advisory.Definitions.Where(l => l.Range is not null), leaf =>
        {
            // A bound need not be a version the plant runs (V3.0.3 fixes units on V3.1.1 too), but it must be spelled as
            // the catalogue spells that product's versions, or the comparison in matching would be comparing two schemes.
            var spelling = CatalogVersions(leaf).First();
            Assert.All(SimpleRange.Parse(leaf.Range!).Bounds, bound => Assert.Equal(char.IsAsciiLetter(spelling[0]), char.IsAsciiLetter(bound[0])));
        });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_vulnerability_hits_at_least_one_demo_unit(string name)
    {
        // Per vulnerability, not per product: an advisory names versions nobody at Kestrel runs (Ignition 8.1.33 when the
        // seed gave both gateways 8.1.35), as real advisories do.
        var advisory = DemoAdvisoryDocument.Named(name);
        foreach (var (vulnerability, v) in DemoAdvisoryDocument.Items(advisory.Vulnerabilities))
        {
            var units = advisory.Status(vulnerability, "known_affected").SelectMany(id => UnitsOf(advisory.Product(id)));
            Assert.True(units.Any(), $"{name} /vulnerabilities/{v}: no affected product matches a demo unit");
        }
    }

    [Fact]
    public void The_S7_1500_range_puts_some_units_inside_and_some_outside()
    {
        var advisory = DemoAdvisoryDocument.Named("seam-demo-2026-001-r2.json");
        var vulnerability = advisory.Vulnerabilities[0]!;
        var affected = advisory.Status(vulnerability, "known_affected").SelectMany(id => UnitsOf(advisory.Product(id))).ToArray();
        var fixedUnits = advisory.Status(vulnerability, "fixed").SelectMany(id => UnitsOf(advisory.Product(id))).ToArray();
        var family = Plant.Assets.Where(a => a.Vendor == "Siemens" && a.Product!.StartsWith("SIMATIC S7-1500", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(affected);
        Assert.NotEmpty(fixedUnits);
        Assert.Empty(affected.Intersect(fixedUnits));
        Assert.Equal(family.Length, affected.Length + fixedUnits.Length);
    }

    [Fact]
    public void Revision_2_turns_every_S7_1500_unit_on_V2_9_7_from_affected_to_fixed_and_changes_no_other()
    {
        var first = Statuses(DemoAdvisoryDocument.Named("seam-demo-2026-001.json"));
        var second = Statuses(DemoAdvisoryDocument.Named("seam-demo-2026-001-r2.json"));
        var changed = first.Where(p => second[p.Key] != p.Value).ToArray();

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.NotEmpty(changed);
        Assert.All(changed, p =>
        {
            Assert.Equal("V2.9.7", Plant.Assets.Single(a => a.Id == p.Key).Version);
            Assert.Equal(("known_affected", "fixed"), (p.Value, second[p.Key]));
        });
        Assert.Equal(
            first.Keys.Where(id => Plant.Assets.Single(a => a.Id == id).Version == "V2.9.7").Order(),
            changed.Select(p => p.Key).Order());

        static Dictionary<string, string> Statuses(DemoAdvisoryDocument advisory)
        {
            var vulnerability = advisory.Vulnerabilities[0]!;
            return new[] { "known_affected", "fixed" }
                .SelectMany(list => advisory.Status(vulnerability, list).SelectMany(id => UnitsOf(advisory.Product(id))).Select(a => (a.Id, list)))
                .ToDictionary(p => p.Id, p => p.list, StringComparer.Ordinal);
        }
    }

    [Fact]
    public void The_vers_range_of_the_Logix_advisory_puts_some_units_inside_and_some_outside()
    {
        var advisory = DemoAdvisoryDocument.Named("seam-demo-2026-002.json");
        var controlLogix = advisory.Definitions.Where(l => l.ProductName == "ControlLogix 5580").ToArray();
        var inside = UnitsOf(controlLogix.Single(l => l.Range!.Contains('<', StringComparison.Ordinal))).ToArray();
        var all = Plant.Assets.Where(a => a.Product == "ControlLogix 5580").ToArray();

        Assert.All(controlLogix, l => Assert.StartsWith("vers:intdot/", l.Range, StringComparison.Ordinal));
        Assert.NotEmpty(inside);
        Assert.True(inside.Length < all.Length, "every ControlLogix unit is inside the affected range; the demo would not show a fixed one");
    }

    [Fact]
    public void Ignition_units_carry_the_CPE_name_of_their_version_and_no_other_unit_has_an_identifier()
    {
        var ignition = Plant.Assets.Where(a => a.Product == "Ignition Gateway").ToArray();

        Assert.NotEmpty(ignition);
        Assert.All(ignition, a =>
        {
            var cpe = Assert.Single(a.Identifiers);
            Assert.Equal($"{IgnitionCpePrefix}{a.Version}:*:*:*:*:*:*:*", cpe);
            Assert.True(AssetIdentifiers.IsWellFormed(cpe), cpe);
        });
        Assert.All(Plant.Assets.Except(ignition), a => Assert.Empty(a.Identifiers));
    }

    [Fact]
    public void The_CPE_in_the_Ignition_advisory_is_the_identifier_of_demo_units()
    {
        var advisory = DemoAdvisoryDocument.Named("seam-demo-2026-004.json");
        var identifiers = Plant.Assets.SelectMany(a => a.Identifiers).ToHashSet(StringComparer.Ordinal);
        var affected = advisory.Status(advisory.Vulnerabilities[0]!, "known_affected").Select(id => advisory.Product(id).Cpe!).ToArray();

        Assert.All(advisory.Definitions, leaf => Assert.StartsWith(IgnitionCpePrefix, leaf.Cpe, StringComparison.Ordinal));
        Assert.Contains(affected, identifiers.Contains);
    }

    [Fact]
    public void The_identifiers_leave_every_random_draw_of_the_seed_where_it_was()
    {
        // Identifiers are derived from the drawn version after the draws: two plants from one seed agree field by field,
        // and a plant whose Ignition units lost their identifiers would still be the same plant.
        var again = DemoPlant.Create();

        Assert.Equal(
            Plant.Assets.Select(a => (a.Id, a.Version, a.SerialNumber, string.Join(',', a.MacAddresses), a.LastSeen)),
            again.Assets.Select(a => (a.Id, a.Version, a.SerialNumber, string.Join(',', a.MacAddresses), a.LastSeen)));
        Assert.Equal(Plant.Assets.Select(a => string.Join(',', a.Identifiers)), again.Assets.Select(a => string.Join(',', a.Identifiers)));
    }

    [Theory]
    [InlineData("8.1.33", "8.1.33")]
    [InlineData("V4.7 SP10", "v4.7_sp10")]
    [InlineData("15.2(7)E4", @"15.2\(7\)e4")]
    [InlineData("2018 SP3 Patch 4", "2018_sp3_patch_4")]
    [InlineData("Vijeo Designer 6.2 SP12", "vijeo_designer_6.2_sp12")]
    [InlineData("a:b*c", @"a\:b\*c")]
    public void A_version_becomes_a_CPE_value_that_cannot_break_the_name_apart(string version, string expected)
    {
        var product = DemoCatalog.Ignition with { CpeTemplate = "cpe:2.3:a:demo:demo:" + DemoProduct.VersionPlaceholder + ":*:*:*:*:*:*:*" };

        var cpe = Assert.Single(product.IdentifiersFor(version));

        Assert.Equal($"cpe:2.3:a:demo:demo:{expected}:*:*:*:*:*:*:*", cpe);
        Assert.True(AssetIdentifiers.IsWellFormed(cpe));
    }

    [Fact]
    public void A_product_without_a_CPE_template_or_a_unit_without_a_version_has_no_identifier()
    {
        Assert.Empty(DemoCatalog.KepServer.IdentifiersFor("6.14.263"));
        Assert.Empty(DemoCatalog.Ignition.IdentifiersFor(null));
        Assert.Empty(DemoCatalog.Ignition.IdentifiersFor(" "));
    }

    /// <summary>The demo units an advisory product describes: same vendor and product, and the version exact or in range.</summary>
    internal static IEnumerable<Asset> UnitsOf(DemoAdvisoryDocument.Leaf leaf) =>
        Plant.Assets.Where(a => a.Vendor == leaf.Vendor && a.Product == leaf.ProductName && (
            leaf.Cpe is not null ? a.Identifiers.Contains(leaf.Cpe)
            : leaf.Version is not null ? a.Version == leaf.Version
            : leaf.Range is null || SimpleRange.Parse(leaf.Range).Contains(a.Version!)));

    private static IEnumerable<string> CatalogVersions(DemoAdvisoryDocument.Leaf leaf) =>
        Catalog.Where(p => p.Vendor == leaf.Vendor && p.Product == leaf.ProductName).SelectMany(p => p.Versions).Distinct();

    /// <summary>
    /// Just enough of a range reader to check the demo's own ranges: a CSAF legacy range (<c>&lt;V2.9.7</c>) or a vers
    /// range of type intdot, each a conjunction of at most one lower and one upper bound, over dotted numbers with an
    /// optional leading V. Anything else fails the test instead of being guessed at.
    /// </summary>
    internal sealed record SimpleRange(IReadOnlyList<(string Comparator, string Version)> Constraints)
    {
        public IEnumerable<string> Bounds => Constraints.Select(c => c.Version);

        public static SimpleRange Parse(string text)
        {
            var body = text.StartsWith("vers:", StringComparison.Ordinal)
                ? text.StartsWith("vers:intdot/", StringComparison.Ordinal) ? text["vers:intdot/".Length..] : throw new FormatException($"'{text}': only vers:intdot is expected")
                : text;
            var constraints = body.Split('|').Select(c =>
            {
                var comparator = new[] { ">=", "<=", "<", ">" }.FirstOrDefault(c.StartsWith) ?? throw new FormatException($"'{text}': '{c}' has no comparator");
                return (comparator, c[comparator.Length..]);
            }).ToArray();
            return constraints.Length is 1 or 2 ? new SimpleRange(constraints) : throw new FormatException($"'{text}': one or two bounds expected");
        }

        public bool Contains(string version) => Constraints.All(c =>
        {
            var order = Compare(version, c.Version);
            return c.Comparator switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
        });

        private static int Compare(string a, string b)
        {
            var x = Numbers(a);
            var y = Numbers(b);
            for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
            {
                var order = (i < x.Length ? x[i] : 0).CompareTo(i < y.Length ? y[i] : 0);
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }

        private static int[] Numbers(string version) =>
            [.. version.TrimStart('V', 'v').Split('.').Select(part => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture))];
    }
}
