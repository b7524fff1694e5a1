using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace Seam.Intelligence.Feeds;

/// <summary>
/// Turns what the user handed us into the feed's plain bytes: gzip is recognised by its magic bytes (0x1f 0x8b), not by
/// the file name, because files copied across an air gap lose or gain ".gz" along the way.
/// </summary>
internal static class FeedInput
{
    private const int GzipHeaderLength = 10;

    /// <summary>
    /// A read-only stream of the plain content. Disposing it leaves <paramref name="input"/> open. Errors in gzip data
    /// surface as <see cref="FeedFormatException"/> from its <c>Read</c>.
    /// </summary>
    public static Stream Open(Stream input, string sourceName)
    {
        var prefix = new byte[GzipHeaderLength];
        var length = 0;
        while (length < prefix.Length)
        {
            var read = input.Read(prefix, length, prefix.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var whole = new PrefixedStream(prefix.AsMemory(0, length), input);
        if (length < 2 || prefix[0] != 0x1f || prefix[1] != 0x8b)
        {
            return whole;
        }

        if (length < GzipHeaderLength)
        {
            throw Corrupt(sourceName, length, "the gzip header ends early (expected a 10-byte gzip header)");
        }

        if (prefix[2] != 8)
        {
            throw Corrupt(sourceName, 2, $"gzip compression method 0x{prefix[2]:x2} is not deflate (expected 0x08)");
        }

        if ((prefix[3] & 0xe0) != 0)
        {
            throw Corrupt(sourceName, 3, $"gzip flags 0x{prefix[3]:x2} set reserved bits (expected none of 0xe0)");
        }

        return new GunzipStream(whole, sourceName);
    }

    /// <summary>True when the stream's content starts with '{' after optional whitespace and a UTF-8 byte order mark.</summary>
    public static bool LooksLikeJson(Stream plain, out Stream rewound)
    {
        var head = new byte[512];
        var length = plain.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        rewound = new PrefixedStream(head.AsMemory(0, length), plain);
        var span = head.AsSpan(0, length);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xef, 0xbb, 0xbf]))
        {
            span = span[3..];
        }

        span = span.TrimStart(" \t\r\n"u8);
        return span.Length > 0 && span[0] == (byte)'{';
    }

    private static FeedFormatException Corrupt(string sourceName, long offset, string problem) =>
        new(sourceName, "byte " + offset.ToString(CultureInfo.InvariantCulture), problem);

    /// <summary>Replays bytes already read from the head of a stream, then the rest of it.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty)
            {
                return rest.Read(buffer);
            }

            var count = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..count].CopyTo(buffer);
            _prefix = _prefix[count..];
            return count;
        }
    }

    /// <summary>
    /// Decompresses gzip and checks that the data really ended: .NET's <see cref="GZipStream"/> reports a truncated
    /// file as a clean end, so the last four bytes (ISIZE, the uncompressed length mod 2^32) are compared with what
    /// came out. That holds for single-member files, which is what FIRST and NVD publish.
    /// </summary>
    private sealed class GunzipStream : ReadOnlyStream
    {
        private readonly CountingStream _compressed;
        private readonly GZipStream _gzip;
        private readonly string _sourceName;
        private long _decompressed;
        private bool _ended;

        public GunzipStream(Stream compressed, string sourceName)
        {
            _compressed = new CountingStream(compressed);
            _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: true);
            _sourceName = sourceName;
        }

        public override int Read(Span<byte> buffer)
        {
            if (_ended || buffer.IsEmpty)
            {
                return 0;
            }

            int read;
            try
            {
                read = _gzip.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new FeedFormatException(_sourceName, "byte " + _compressed.Total.ToString(CultureInfo.InvariantCulture),
                    "the gzip data is corrupt at or before this offset (expected intact gzip data; copy the file again)", e);
            }

            _decompressed += read;
            if (read == 0)
            {
                _ended = true;
                CheckEnd();
            }

            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gzip.Dispose();
            }

            base.Dispose(disposing);
        }

        private void CheckEnd()
        {
            Span<byte> scratch = stackalloc byte[256];
            while (_compressed.Read(scratch) > 0)
            {
                // Drain: bytes after the gzip trailer change the "last four bytes" and so fail the check below.
            }

            var isize = BinaryPrimitives.ReadUInt32LittleEndian(_compressed.LastEight[4..]);
            if (_compressed.Total < 18 || isize != (uint)_decompressed)
            {
                throw new FeedFormatException(_sourceName, "byte " + _compressed.Total.ToString(CultureInfo.InvariantCulture),
                    "the gzip data ends early: the file is truncated "
                    + $"(expected a gzip trailer giving the length {((uint)_decompressed).ToString(CultureInfo.InvariantCulture)})");
            }
        }
    }

    /// <summary>Counts the bytes read and keeps the last eight of them (the gzip trailer, once at the end).</summary>
    private sealed class CountingStream(Stream inner) : ReadOnlyStream
    {
        private readonly byte[] _lastEight = new byte[8];

        public long Total { get; private set; }

        public ReadOnlySpan<byte> LastEight => _lastEight;

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            if (read >= 8)
            {
                buffer.Slice(read - 8, 8).CopyTo(_lastEight);
            }
            else if (read > 0)
            {
                _lastEight.AsSpan(read).CopyTo(_lastEight);
                buffer[..read].CopyTo(_lastEight.AsSpan(8 - read));
            }

            Total += read;
            return read;
        }
    }
}

/// <summary>The boilerplate of a forward-only, read-only stream.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
