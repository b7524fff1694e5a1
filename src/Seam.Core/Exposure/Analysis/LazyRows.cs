namespace Seam.Exposure.Analysis;

/// <summary>
/// A read-only list whose rows are made the first time they are read. A report at 100,000 assets has half a million
/// finding rows; the facts behind them are computed with the report, but a row (and its explanation) only exists once
/// someone looks at it.
/// </summary>
internal sealed class LazyRows<T>(int count, Func<int, T> make) : IReadOnlyList<T>
    where T : class
{
    private readonly T?[] rows = new T?[count];

    public int Count => rows.Length;

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, rows.Length);

            // Two readers may both make a row; the first one stored wins and both see it.
            return rows[index] ?? Interlocked.CompareExchange(ref rows[index], make(index), null) ?? rows[index]!;
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < rows.Length; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
