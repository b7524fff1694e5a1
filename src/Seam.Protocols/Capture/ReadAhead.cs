using System.Buffers;
using System.Collections.Concurrent;

namespace Seam.Protocols.Capture;

/// <summary>
/// Reads (and decompresses) the capture on a thread of its own, a few chunks ahead of the dissection, so the
/// copy out of the page cache and gzip's inflating overlap with the work on the frames. Memory stays bounded:
/// at most <see cref="Depth"/> chunks wait. Each chunk leaves <see cref="Headroom"/> bytes free at its start, where
/// <see cref="CaptureInput"/> puts the unread tail of the previous chunk instead of copying the new one.
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    public const int Headroom = 64 * 1024;
    private const int ChunkSize = 1 << 20;
    private const int Depth = 3;

    private readonly Stream source;
    private readonly BlockingCollection<Chunk> filled = new(Depth);
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;

    public ReadAhead(Stream source)
    {
        this.source = source;
        thread = new Thread(Run) { IsBackground = true, Name = "Seam capture read-ahead" };
        thread.Start();
    }

    /// <summary>
    /// A chunk of data at [<see cref="Headroom"/>, <see cref="Headroom"/> + <paramref name="Length"/>) of
    /// <paramref name="Buffer"/>; the end of the stream when <paramref name="Buffer"/> is null; a read that threw
    /// when <paramref name="Failure"/> is set (after every byte read before it).
    /// </summary>
    public readonly record struct Chunk(byte[]? Buffer, int Length, Exception? Failure);

    /// <summary>The next chunk in stream order; waits for the reader when it is behind.</summary>
    public Chunk Next() => filled.Take();

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        while (filled.TryTake(out var chunk))
        {
            if (chunk.Buffer is { } buffer)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        filled.Dispose();
        stop.Dispose();
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(Headroom + ChunkSize);
                var length = 0;
                Exception? failure = null;
                try
                {
                    // Stream.Read may return less than asked long before the end: fill the chunk, stop only at the end.
                    while (length < ChunkSize)
                    {
                        var read = source.Read(buffer, Headroom + length, ChunkSize - length);
                        if (read == 0)
                        {
                            break;
                        }

                        length += read;
                    }
                }
#pragma warning disable CA1031 // Handed to the dissecting thread, which reports or rethrows it where the data ends.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = e;
                }

                if (length > 0)
                {
                    filled.Add(new Chunk(buffer, length, null), stop.Token);
                }
                else
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                if (failure is not null || length < ChunkSize)
                {
                    filled.Add(new Chunk(null, 0, failure), stop.Token);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed before the end: the dissection stopped early.
        }
    }
}
