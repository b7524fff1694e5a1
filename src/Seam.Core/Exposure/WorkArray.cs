using System.Buffers;
using System.Runtime.CompilerServices;

namespace Seam.Exposure;

/// <summary>
/// A work array borrowed from <see cref="ArrayPool{T}.Shared"/> for the length of one call. A recompute at 100,000
/// assets needs dozens of per-node and per-edge scratch arrays of several megabytes each; allocating them afresh every
/// time costs a third of a gigabyte per recompute, and the kernel's page faults as the heap grows into new memory.
/// Borrowed, they are allocated once per process and reused (the pool lets them go when idle or under memory pressure).
/// </summary>
/// <remarks>
/// The array may be longer than asked and holds whatever its last user left in it: read only what was written, or
/// start from <see cref="Filled"/>. Dispose once (a <c>using</c> declaration) to hand it back; arrays that hold
/// references are cleared on the way back so that they keep nothing alive.
/// </remarks>
internal readonly struct WorkArray<T> : IDisposable
{
    private WorkArray(int length)
    {
        Length = length;
        Array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
    }

    /// <summary>At least <see cref="Length"/> items, the first <see cref="Length"/> of them the caller's.</summary>
    public T[] Array { get; }

    public int Length { get; }

    public Span<T> Span => Array.AsSpan(0, Length);

    /// <summary>A borrowed array whose first <paramref name="length"/> items are not initialised.</summary>
    public static WorkArray<T> Rent(int length) => new(length);

    /// <summary>A borrowed array whose first <paramref name="length"/> items are <paramref name="value"/>.</summary>
    public static WorkArray<T> Filled(int length, T value)
    {
        var work = new WorkArray<T>(length);
        work.Span.Fill(value);
        return work;
    }

    public void Dispose() => ArrayPool<T>.Shared.Return(Array, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
