using System.Net;
using Seam.Inventory;
using Seam.Inventory.Demo;

namespace Seam.Core.Tests.Inventory.Demo;

public sealed class DemoPlantScaledTests
{
    private static readonly IReadOnlyList<string> DeliberateSmellCodes =
        DemoPlant.DeliberateSmells.Select(d => d.Code).Order(StringComparer.Ordinal).ToList();

    // Built once: it is the expensive part, and both tests only read it.
    private static readonly Lazy<InventoryModel> HundredThousand = new(() => DemoPlant.CreateScaled(100_000, seed: 42));

    [Fact]
    public void A_hundred_thousand_asset_model_has_exactly_that_many_assets_unique_ids_and_no_errors()
    {
        var model = HundredThousand.Value;
        var problems = InventoryValidator.Validate(model);

        Assert.Equal(100_000, model.Assets.Count);
        Assert.Equal(model.Assets.Count, model.Assets.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{p.Code} {p.EntityId}: {p.Message}"));

        // No duplicate addresses, no zone without conduits, no address outside its zone: only the deliberate smells of the first two sites.
        Assert.Equal(DeliberateSmellCodes, problems.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_scaled_model_grows_in_sites_zones_and_assets_per_zone()
    {
        var demo = DemoPlant.Create();
        var model = HundredThousand.Value;

        Assert.True(model.Sites.Count > demo.Sites.Count);
        Assert.True(model.Zones.Count > 10 * demo.Zones.Count);
        Assert.True((double)model.Assets.Count / model.Zones.Count > 5.0 * demo.Assets.Count / demo.Zones.Count);
        Assert.Equal(model.Sites.Count(s => s.Id.StartsWith("riverside", StringComparison.Ordinal)), model.Sites.Count(s => s.Id.StartsWith("eastport", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(4_321)]
    [InlineData(25_000)]
    public void A_scaled_model_of_any_size_is_valid_with_every_address_inside_its_zone(int assetCount)
    {
        var model = DemoPlant.CreateScaled(assetCount, seed: 1);
        var zones = model.Zones.ToDictionary(z => z.Id);
        var problems = InventoryValidator.Validate(model);

        Assert.Equal(assetCount, model.Assets.Count);
        Assert.Empty(problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{p.Code} {p.EntityId}: {p.Message}"));
        Assert.Equal(DeliberateSmellCodes, problems.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.All(model.Zones.Where(z => z.Level == PurdueLevel.Process), z => Assert.Contains(model.Assets, a => a.ZoneId == z.Id));
        Assert.Single(model.Assets, a => a.Addresses.Any(address => !zones[a.ZoneId!].Subnets.Any(s => IPNetwork.Parse(s).Contains(IPAddress.Parse(address)))));
    }

    [Fact]
    public void The_same_seed_gives_the_same_scaled_model()
    {
        Assert.Equal(DemoPlantTests.Serialise(DemoPlant.CreateScaled(5_000, 3)), DemoPlantTests.Serialise(DemoPlant.CreateScaled(5_000, 3)));
    }

    [Fact]
    public void A_scaled_model_smaller_than_the_demo_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoPlant.CreateScaled(100, seed: 1));
    }
}
