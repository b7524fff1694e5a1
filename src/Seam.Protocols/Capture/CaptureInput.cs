using System.Buffers;
using System.IO.Compression;
using System.Runtime.ExceptionServices;

namespace Seam.Protocols.Capture;

/// <summary>
/// A window over the capture stream in one pooled buffer: records are handed out as spans into it, so reading
/// a multi-gigabyte file allocates nothing per record. The buffer grows only as far as a record needs and only
/// as data actually arrives, so a forged length near the end of a file cannot make it allocate.
/// </summary>
internal sealed class CaptureInput : IDisposable
{
    private const int InitialSize = 1 << 20;

    /// <summary>Below this a reading thread costs more than it saves.</summary>
    private const long ReadAheadFrom = 4L << 20;
    private static readonly byte[] GzipMagic = [0x1F, 0x8B];

    private readonly Stream stream;
    private readonly ReadAhead? ahead;
    private byte[] buffer;
    private int start;
    private int end;
    private long bufferOrigin;
    private bool endOfStream;

    private CaptureInput(Stream stream, string source, bool compressed, bool readAhead)
    {
        this.stream = stream;
        Source = source;
        IsCompressed = compressed;
        buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        ahead = readAhead ? new ReadAhead(stream) : null;
    }

    public string Source { get; }

    public bool IsCompressed { get; }

    /// <summary>Offset of the next unconsumed byte in the (decompressed) capture.</summary>
    public long Position => bufferOrigin + start;

    public int Available => end - start;

    /// <summary>Set when the gzip layer found corrupt data; reading stops there.</summary>
    public string? ReadFailure { get; private set; }

    /// <summary>Opens the stream, looking through gzip compression when the first bytes say so.</summary>
    /// <param name="readAhead">
    /// Read on a second thread while the caller works on what was read. Only for a seekable stream of a few
    /// megabytes or more, which is read from no other thread until this input is disposed.
    /// </param>
    public static CaptureInput Open(Stream capture, string source, bool readAhead = false)
    {
        readAhead = readAhead && capture.CanSeek && capture.Length - capture.Position >= ReadAheadFrom;
        Span<byte> head = stackalloc byte[2];
        var headLength = capture.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var replay = new ReplayStream(head[..headLength].ToArray(), capture);
        if (headLength == 2 && head.SequenceEqual(GzipMagic))
        {
            return new CaptureInput(new GZipStream(replay, CompressionMode.Decompress), source, compressed: true, readAhead);
        }

        return new CaptureInput(replay, source, compressed: false, readAhead);
    }

    /// <summary>Makes <paramref name="count"/> bytes available from <see cref="Position"/>; false when the stream ends first.</summary>
    public bool Ensure(int count) => end - start >= count || Fill(count);

    /// <summary>The next <paramref name="count"/> bytes; valid until the next <see cref="Ensure"/> or <see cref="Skip"/>.</summary>
    public ReadOnlySpan<byte> Peek(int count) => buffer.AsSpan(start, count);

    /// <summary>Where the next unconsumed byte sits in the buffer, for readers that keep a record's span after advancing.</summary>
    public int Mark => start;

    /// <summary>Bytes at a <see cref="Mark"/>-relative place; valid until the next <see cref="Ensure"/> or <see cref="Skip"/>.</summary>
    public ReadOnlySpan<byte> Window(int index, int count) => buffer.AsSpan(index, count);

    public void Advance(int count) => start += count;

    /// <summary>Consumes up to <paramref name="count"/> bytes without keeping them; returns how many there were.</summary>
    public long Skip(long count)
    {
        var remaining = count;
        while (remaining > 0)
        {
            if (start == end && !Refill())
            {
                break;
            }

            var step = (int)Math.Min(remaining, end - start);
            start += step;
            remaining -= step;
        }

        return count - remaining;
    }

    public void Dispose()
    {
        // The reading thread stops before anything it reads from or into goes away.
        ahead?.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        if (IsCompressed)
        {
            // The GZipStream owns only our replay wrapper; the caller's stream stays open.
            stream.Dispose();
        }
    }

    private bool Fill(int count)
    {
        if (ahead is not null)
        {
            while (end - start < count && !endOfStream)
            {
                TakeChunk(ahead);
            }

            return end - start >= count;
        }

        Compact();
        while (end < count && !endOfStream)
        {
            if (end == buffer.Length)
            {
                Grow(Math.Min(count, buffer.Length * 2));
            }

            Read();
        }

        return end - start >= count;
    }

    private bool Refill()
    {
        if (ahead is not null)
        {
            if (!endOfStream)
            {
                TakeChunk(ahead);
            }

            return end > start;
        }

        Compact();
        if (!endOfStream)
        {
            Read();
        }

        return end > start;
    }

    /// <summary>
    /// Continues with the reader's next chunk: its buffer becomes ours, with our unread tail moved into its headroom;
    /// a tail too long for the headroom (a record spanning chunks) gets the chunk's bytes appended instead.
    /// </summary>
    private void TakeChunk(ReadAhead reader)
    {
        var chunk = reader.Next();
        if (chunk.Buffer is not { } next)
        {
            endOfStream = true;
            switch (chunk.Failure)
            {
                case InvalidDataException corrupt:
                    ReadFailure = $"the gzip data is corrupt after {bufferOrigin + end} decompressed bytes ({corrupt.Message})";
                    break;
                case { } failure:
                    ExceptionDispatchInfo.Throw(failure);
                    break;
            }

            return;
        }

        var tail = end - start;
        if (tail <= ReadAhead.Headroom)
        {
            var newStart = ReadAhead.Headroom - tail;
            buffer.AsSpan(start, tail).CopyTo(next.AsSpan(newStart));
            bufferOrigin += start - newStart;
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = next;
            start = newStart;
            end = ReadAhead.Headroom + chunk.Length;
            return;
        }

        Compact();
        if (buffer.Length - end < chunk.Length)
        {
            Grow(end + chunk.Length);
        }

        next.AsSpan(ReadAhead.Headroom, chunk.Length).CopyTo(buffer.AsSpan(end));
        end += chunk.Length;
        ArrayPool<byte>.Shared.Return(next);
    }

    private void Compact()
    {
        if (start == 0)
        {
            return;
        }

        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
        bufferOrigin += start;
        end -= start;
        start = 0;
    }

    private void Grow(int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(size, buffer.Length + 1));
        Buffer.BlockCopy(buffer, 0, larger, 0, end);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    private void Read()
    {
        try
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                endOfStream = true;
            }

            end += read;
        }
        catch (InvalidDataException corrupt)
        {
            // Only the gzip layer throws this: the compressed data is damaged, and nothing after it can be trusted.
            endOfStream = true;
            ReadFailure = $"the gzip data is corrupt after {bufferOrigin + end} decompressed bytes ({corrupt.Message})";
        }
    }
}

/// <summary>Replays the bytes read to sniff the format, then continues with the caller's stream (which it does not own).</summary>
internal sealed class ReplayStream(byte[] head, Stream rest) : Stream
{
    private int headPosition;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (headPosition < head.Length)
        {
            var step = Math.Min(buffer.Length, head.Length - headPosition);
            head.AsSpan(headPosition, step).CopyTo(buffer);
            headPosition += step;
            return step;
        }

        return rest.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
