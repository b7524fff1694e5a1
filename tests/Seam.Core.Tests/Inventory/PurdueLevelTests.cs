using Seam.Inventory;

namespace Seam.Core.Tests.Inventory;

public class PurdueLevelTests
{
    [Theory]
    [InlineData("0", PurdueLevel.Process)]
    [InlineData("1", PurdueLevel.BasicControl)]
    [InlineData("L2", PurdueLevel.Supervisory)]
    [InlineData("Level 3", PurdueLevel.Operations)]
    [InlineData("3.5", PurdueLevel.IndustrialDmz)]
    [InlineData("DMZ", PurdueLevel.IndustrialDmz)]
    [InlineData("IDMZ", PurdueLevel.IndustrialDmz)]
    [InlineData("4", PurdueLevel.Enterprise)]
    [InlineData("5", PurdueLevel.EnterpriseNetwork)]
    [InlineData("Supervisory", PurdueLevel.Supervisory)]
    public void Levels_parse_as_plants_write_them(string text, PurdueLevel expected)
    {
        Assert.True(PurdueLevels.TryParse(text, out var level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("")]
    [InlineData("6")]
    [InlineData("2.5")]
    [InlineData("-1")]
    [InlineData("35")]
    [InlineData("Level")]
    public void Values_that_are_not_levels_are_refused(string text) =>
        Assert.False(PurdueLevels.TryParse(text, out _));

    [Fact]
    public void Every_level_round_trips_through_its_number()
    {
        foreach (var level in PurdueLevels.All)
        {
            Assert.True(PurdueLevels.TryParse(level.ToNumber(), out var back));
            Assert.Equal(level, back);
        }
    }

    [Fact]
    public void Levels_order_from_process_to_internet_edge() =>
        Assert.Equal(PurdueLevels.All.OrderBy(l => l), PurdueLevels.All);
}
