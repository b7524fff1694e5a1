namespace Seam.Exposure.Analysis;

/// <summary>
/// A 4-ary min-heap of the integers 0 … capacity−1, each at most once, keyed by a double, with decrease-key: a search
/// that finds a shorter way to a queued node moves it up instead of queueing it again. Equal keys come out smallest
/// item first, so the order of a search does not depend on how the heap happens to be laid out. Not thread-safe.
/// Its arrays are borrowed (<see cref="WorkArray{T}"/>): dispose it to hand them back.
/// </summary>
internal sealed class IndexedMinHeap : IDisposable
{
    private const int Arity = 4;

    private readonly WorkArray<int> itemsWork;
    private readonly WorkArray<double> keysWork;
    private readonly WorkArray<int> slotOfWork;
    private readonly int[] items;
    private readonly double[] keys;

    // Per item: its slot in the heap plus one; 0 when it is not queued.
    private readonly int[] slotOf;

    public IndexedMinHeap(int capacity)
    {
        itemsWork = WorkArray<int>.Rent(capacity);
        keysWork = WorkArray<double>.Rent(capacity);
        slotOfWork = WorkArray<int>.Filled(capacity, 0);
        items = itemsWork.Array;
        keys = keysWork.Array;
        slotOf = slotOfWork.Array;
    }

    public void Dispose()
    {
        itemsWork.Dispose();
        keysWork.Dispose();
        slotOfWork.Dispose();
    }

    public int Count { get; private set; }

    public bool Contains(int item) => slotOf[item] != 0;

    /// <summary>Queues <paramref name="item"/> with <paramref name="key"/>, or lowers its key when it is queued with a higher one.</summary>
    public void InsertOrDecrease(int item, double key)
    {
        var slot = slotOf[item] - 1;
        if (slot < 0)
        {
            slot = Count++;
        }
        else if (!Before(key, item, keys[slot], item))
        {
            return;
        }

        SiftUp(slot, item, key);
    }

    public bool TryPop(out int item, out double key)
    {
        if (Count == 0)
        {
            item = -1;
            key = 0;
            return false;
        }

        item = items[0];
        key = keys[0];
        slotOf[item] = 0;
        var last = --Count;
        if (last > 0)
        {
            SiftDown(0, items[last], keys[last]);
        }

        return true;
    }

    private static bool Before(double key, int item, double otherKey, int otherItem) => key < otherKey || (key == otherKey && item < otherItem);

    private void SiftUp(int slot, int item, double key)
    {
        while (slot > 0)
        {
            var parent = (slot - 1) / Arity;
            var parentItem = items[parent];
            if (!Before(key, item, keys[parent], parentItem))
            {
                break;
            }

            Place(slot, parentItem, keys[parent]);
            slot = parent;
        }

        Place(slot, item, key);
    }

    private void SiftDown(int slot, int item, double key)
    {
        var count = Count;
        while (true)
        {
            var first = slot * Arity + 1;
            if (first >= count)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + Arity, count);
            for (var child = first + 1; child < end; child++)
            {
                if (Before(keys[child], items[child], keys[best], items[best]))
                {
                    best = child;
                }
            }

            if (!Before(keys[best], items[best], key, item))
            {
                break;
            }

            Place(slot, items[best], keys[best]);
            slot = best;
        }

        Place(slot, item, key);
    }

    private void Place(int slot, int item, double key)
    {
        items[slot] = item;
        keys[slot] = key;
        slotOf[item] = slot + 1;
    }
}
