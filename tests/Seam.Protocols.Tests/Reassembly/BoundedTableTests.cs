using Seam.Protocols.Reassembly;

namespace Seam.Protocols.Tests.Reassembly;

public sealed class BoundedTableTests
{
    [Fact]
    public void A_full_table_forgets_the_entry_added_longest_ago()
    {
        var table = new BoundedTable<int, string>(2);
        table.Set(1, "one");
        table.Set(2, "two");

        table.Set(3, "three");

        Assert.False(table.TryGet(1, out _));
        Assert.True(table.TryGet(2, out var two));
        Assert.Equal("two", two);
        Assert.True(table.TryGet(3, out _));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Replacing_a_value_forgets_nothing()
    {
        var table = new BoundedTable<int, string>(2);
        table.Set(1, "one");
        table.Set(2, "two");

        table.Set(2, "deux");

        Assert.True(table.TryGet(1, out _));
        Assert.True(table.TryGet(2, out var two));
        Assert.Equal("deux", two);
    }

    [Fact]
    public void A_key_added_again_after_its_removal_survives_even_when_its_old_slot_is_next_to_go()
    {
        var table = new BoundedTable<int, string>(2);
        table.Set(1, "request");
        table.Set(2, "other");
        Assert.True(table.Remove(1, out _)); // answered: its slot, the oldest, is now stale

        table.Set(1, "next request");

        Assert.True(table.TryGet(1, out var value));
        Assert.Equal("next request", value);
        Assert.True(table.TryGet(2, out _));
    }

    [Fact]
    public void However_many_keys_pass_through_at_most_capacity_stay()
    {
        var table = new BoundedTable<int, int>(16);
        for (var i = 0; i < 10_000; i++)
        {
            table.Set(i % 37, i);
            if (i % 5 == 0)
            {
                table.Remove((i * 7) % 37, out _);
            }

            Assert.InRange(table.Count, 0, 16);
        }
    }
}
