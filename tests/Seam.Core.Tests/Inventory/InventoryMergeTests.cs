using Seam.Inventory;

namespace Seam.Core.Tests.Inventory;

public class InventoryMergeTests
{
    private static Site Site(string id, string name) => new() { Id = id, Name = name };

    [Fact]
    public void Merge_replaces_records_with_the_same_id_in_place_and_appends_new_ones()
    {
        var existing = new InventoryModel { Sites = [Site("a", "A"), Site("b", "B")] };
        var incoming = new InventoryModel { Sites = [Site("c", "C"), Site("a", "A renamed")] };

        var merged = InventoryMerge.Apply(existing, incoming, ImportMode.Merge);

        Assert.Equal(["a", "b", "c"], merged.Sites.Select(s => s.Id));
        Assert.Equal("A renamed", merged.Sites[0].Name);
    }

    [Fact]
    public void Replace_drops_what_the_import_does_not_mention()
    {
        var existing = new InventoryModel { Sites = [Site("a", "A"), Site("b", "B")] };
        var incoming = new InventoryModel { Sites = [Site("b", "B2")] };

        var merged = InventoryMerge.Apply(existing, incoming, ImportMode.Replace);

        Assert.Equal(["b"], merged.Sites.Select(s => s.Id));
    }

    [Fact]
    public void Merge_keeps_entity_types_the_import_does_not_touch()
    {
        var team = new Team { Id = "ot", Name = "OT" };
        var existing = new InventoryModel { Teams = [team], Sites = [Site("a", "A")] };

        var merged = InventoryMerge.Apply(existing, new InventoryModel { Sites = [Site("b", "B")] }, ImportMode.Merge);

        Assert.Same(team, Assert.Single(merged.Teams));
        Assert.Equal(2, merged.Sites.Count);
    }
}
