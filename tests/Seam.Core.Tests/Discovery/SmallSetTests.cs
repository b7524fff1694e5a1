using Seam.Discovery;

namespace Seam.Core.Tests.Discovery;

public sealed class SmallSetTests
{
    [Fact]
    public void Keeps_each_element_once_in_the_order_added()
    {
        var set = new SmallSet<int>();

        Assert.True(set.Add(7));
        Assert.False(set.Add(7));
        Assert.True(set.Add(3));
        Assert.False(set.Add(3));
        Assert.True(set.Add(5));

        Assert.Equal(3, set.Count);
        Assert.Equal([7, 3, 5], Elements(set));
        Assert.True(set.Contains(3));
        Assert.False(set.Contains(4));
    }

    [Fact]
    public void Stays_a_set_once_it_holds_enough_elements_to_be_indexed()
    {
        var set = new SmallSet<int>();
        for (var i = 0; i < 40; i++)
        {
            Assert.True(set.Add(i * 3));
        }

        for (var i = 0; i < 40; i++)
        {
            Assert.False(set.Add(i * 3));
            Assert.True(set.Contains(i * 3));
            Assert.False(set.Contains((i * 3) + 1));
        }

        Assert.Equal(40, set.Count);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 3), Elements(set));
    }

    [Fact]
    public void An_empty_set_contains_nothing_not_even_the_default_value()
    {
        var set = new SmallSet<int>();

        Assert.Equal(0, set.Count);
        Assert.False(set.Contains(0));
    }

    private static List<int> Elements(SmallSet<int> set)
    {
        var elements = new List<int>();
        for (var i = 0; i < set.Count; i++)
        {
            elements.Add(set[i]);
        }

        return elements;
    }
}
