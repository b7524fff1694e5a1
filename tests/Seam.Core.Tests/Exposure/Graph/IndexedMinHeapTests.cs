using Seam.Exposure.Analysis;

namespace Seam.Core.Tests.Exposure.Graph;

public sealed class IndexedMinHeapTests
{
    [Fact]
    public void Items_come_out_by_key_and_equal_keys_smallest_item_first()
    {
        using var heap = new IndexedMinHeap(8);
        foreach (var (item, key) in new[] { (5, 2.0), (3, 1.0), (7, 2.0), (0, 3.0), (1, 2.0), (6, 0.5) })
        {
            heap.InsertOrDecrease(item, key);
        }

        Assert.Equal([(6, 0.5), (3, 1.0), (1, 2.0), (5, 2.0), (7, 2.0), (0, 3.0)], Drain(heap));
    }

    [Fact]
    public void A_lower_key_moves_a_queued_item_up_and_a_higher_one_is_ignored()
    {
        using var heap = new IndexedMinHeap(4);
        heap.InsertOrDecrease(0, 1.0);
        heap.InsertOrDecrease(1, 2.0);
        heap.InsertOrDecrease(2, 3.0);

        heap.InsertOrDecrease(2, 0.5);
        heap.InsertOrDecrease(0, 9.0);

        Assert.Equal(3, heap.Count);
        Assert.Equal([(2, 0.5), (0, 1.0), (1, 2.0)], Drain(heap));
    }

    [Fact]
    public void A_popped_item_is_no_longer_queued_and_can_be_queued_again()
    {
        using var heap = new IndexedMinHeap(2);
        heap.InsertOrDecrease(1, 4.0);

        Assert.True(heap.Contains(1));
        Assert.True(heap.TryPop(out var item, out _));
        Assert.Equal(1, item);
        Assert.False(heap.Contains(1));
        Assert.False(heap.TryPop(out _, out _));

        heap.InsertOrDecrease(1, 7.0);
        Assert.Equal([(1, 7.0)], Drain(heap));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_inserts_and_decreases_come_out_as_a_sorted_list_of_the_lowest_keys(int seed)
    {
        const int Items = 500;
        var random = new Random(seed);
        using var heap = new IndexedMinHeap(Items);
        var best = new Dictionary<int, double>();
        for (var i = 0; i < 3000; i++)
        {
            var item = random.Next(Items);
            // Few distinct keys, so that ties are common.
            var key = random.Next(50) / 10.0;
            heap.InsertOrDecrease(item, key);
            best[item] = best.TryGetValue(item, out var old) ? Math.Min(old, key) : key;
        }

        var expected = best.Select(p => (p.Key, p.Value)).OrderBy(p => p.Value).ThenBy(p => p.Key).ToList();
        Assert.Equal(expected, Drain(heap));
    }

    private static List<(int Item, double Key)> Drain(IndexedMinHeap heap)
    {
        var drained = new List<(int, double)>();
        while (heap.TryPop(out var item, out var key))
        {
            drained.Add((item, key));
        }

        return drained;
    }
}
