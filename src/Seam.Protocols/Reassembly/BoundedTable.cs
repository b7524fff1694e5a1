using System.Runtime.InteropServices;

namespace Seam.Protocols.Reassembly;

/// <summary>
/// A dictionary that never holds more than <c>capacity</c> entries: adding to a full table forgets the entry
/// added longest ago. Dissectors keep what a request said until its reply comes, or the first parts of a message
/// until its last part comes; a peer that never answers, or hostile traffic that opens a new key per packet,
/// must cost a fixed amount of memory, not a growing one.
/// </summary>
internal sealed class BoundedTable<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
{
    private readonly Dictionary<TKey, TValue> _entries;
    private readonly TKey[] _insertionOrder;
    private int _next;
    private int _inserted;

    public BoundedTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new Dictionary<TKey, TValue>(Math.Min(capacity, 64));
        _insertionOrder = new TKey[capacity];
    }

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <summary>Adds or replaces; when the table is full, the oldest insertion is forgotten first.</summary>
    public void Set(TKey key, TValue value)
    {
        // One lookup for the common case, a request per reply: the key is new and the table has room.
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var exists);
        slot = value;
        if (exists)
        {
            return;
        }

        if (_inserted == _insertionOrder.Length)
        {
            // The slot's key may already be gone (answered, or replaced and re-added later); either way at most
            // capacity keys are live, because every live key owns a slot. The slot may be a stale one of the very key
            // just added, which must not be forgotten: it takes its own old slot over.
            var oldest = _insertionOrder[_next];
            if (!oldest.Equals(key))
            {
                _entries.Remove(oldest);
            }
        }
        else
        {
            _inserted++;
        }

        _insertionOrder[_next] = key;
        _next = (_next + 1) % _insertionOrder.Length;
    }

    public bool Remove(TKey key, out TValue value) => _entries.Remove(key, out value!);
}
