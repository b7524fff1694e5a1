namespace Seam.Discovery;

/// <summary>
/// A set that is nearly always one element: a device's addresses, the IPs seen behind a MAC. The first element
/// lives in the struct, so tens of thousands of these cost no allocation; the rest go to a list, indexed by a hash
/// set once they are many. Elements keep the order they were added in. A mutable struct: hold it in a field and
/// reach it by reference.
/// </summary>
internal struct SmallSet<T>
    where T : struct, IEquatable<T>
{
    private const int IndexFrom = 8;

    private T first;
    private List<T>? more;
    private HashSet<T>? index;

    public int Count { get; private set; }

    public readonly T this[int position] => position == 0 ? first : more![position - 1];

    /// <returns>False when the element was already there.</returns>
    public bool Add(T item)
    {
        if (Count == 0)
        {
            first = item;
            Count = 1;
            return true;
        }

        if (Contains(item))
        {
            return false;
        }

        (more ??= []).Add(item);
        if (index is not null)
        {
            index.Add(item);
        }
        else if (more.Count >= IndexFrom)
        {
            index = [.. more];
        }

        Count++;
        return true;
    }

    public readonly bool Contains(T item) =>
        Count > 0 && (first.Equals(item) || (index?.Contains(item) ?? more?.Contains(item) ?? false));
}
