using Seam.Protocols.Dissection;

namespace Seam.Protocols.Capture;

/// <summary>
/// Something in a capture that was skipped or could not be read, with where it was: "partly corrupt" files are
/// read as far as they can be, and this says what was lost and why.
/// </summary>
/// <param name="ByteOffset">Offset in the (decompressed) capture of the record or block concerned.</param>
/// <param name="FrameNumber">The 1-based frame the problem belongs to, when it belongs to one.</param>
public sealed record CaptureProblem(long ByteOffset, long? FrameNumber, string Reason);

/// <param name="Frames">Records read so far.</param>
/// <param name="Bytes">Capture bytes read so far (after decompression for gzip files).</param>
/// <param name="TotalBytes">The stream's length when it is known and not compressed; null otherwise.</param>
public readonly record struct CaptureProgress(long Frames, long Bytes, long? TotalBytes);

/// <summary>What one pass over a capture saw.</summary>
public sealed class CaptureSummary
{
    internal CaptureSummary(
        string source,
        long frames,
        long bytes,
        IReadOnlyDictionary<ProtocolId, long> framesByProtocol,
        long? firstTimestampNanos,
        long? lastTimestampNanos,
        IReadOnlyList<uint> linkTypes,
        IReadOnlyList<CaptureProblem> problems,
        long problemsNotListed,
        TcpStatistics tcp)
    {
        Source = source;
        Frames = frames;
        Bytes = bytes;
        FramesByProtocol = framesByProtocol;
        FirstTimestampNanos = firstTimestampNanos;
        LastTimestampNanos = lastTimestampNanos;
        LinkTypes = linkTypes;
        Problems = problems;
        ProblemsNotListed = problemsNotListed;
        Tcp = tcp;
    }

    /// <summary>The name used in problems and errors: the caller's source name, or the file's path.</summary>
    public string Source { get; }

    public long Frames { get; }

    /// <summary>Capture bytes read, after decompression for gzip files.</summary>
    public long Bytes { get; }

    /// <summary>Frames in which at least one dissector reported a PDU of the protocol (each frame counts once per protocol).</summary>
    public IReadOnlyDictionary<ProtocolId, long> FramesByProtocol { get; }

    /// <summary>Time of the first frame in file order, nanoseconds since the Unix epoch.</summary>
    public long? FirstTimestampNanos { get; }

    /// <summary>Time of the last frame in file order (not the latest: captures are not always in time order).</summary>
    public long? LastTimestampNanos { get; }

    public DateTimeOffset? FirstTimestamp => ToTimestamp(FirstTimestampNanos);

    public DateTimeOffset? LastTimestamp => ToTimestamp(LastTimestampNanos);

    /// <summary>The link-layer types (LINKTYPE_ values: 1 Ethernet, 113 Linux SLL…) of the frames, in order of first use.</summary>
    public IReadOnlyList<uint> LinkTypes { get; }

    /// <summary>The first problems found; a damaged file can have millions, so the list is capped.</summary>
    public IReadOnlyList<CaptureProblem> Problems { get; }

    /// <summary>Problems found beyond the cap on <see cref="Problems"/>.</summary>
    public long ProblemsNotListed { get; }

    public TcpStatistics Tcp { get; }

    private static DateTimeOffset? ToTimestamp(long? nanos) =>
        nanos is { } value ? DateTimeOffset.UnixEpoch.AddTicks(value / 100) : null;
}

/// <summary>How TCP reassembly went: losses on a mirror port are normal and only counted, not listed as problems.</summary>
/// <param name="Streams">Connections tracked.</param>
/// <param name="RetransmittedSegments">Segments whose data had been seen already and were not dissected again.</param>
/// <param name="Gaps">Times a stream's sequence jumped ahead (data lost before capture); the stream resynchronised.</param>
/// <param name="EvictedStreams">Streams dropped from the table while still open, because it was full or they were idle.</param>
/// <param name="PeakStreams">The most streams held at once.</param>
/// <param name="PeakBufferedBytes">The most bytes held at once in partial-PDU buffers across all streams.</param>
public sealed record TcpStatistics(
    long Streams,
    long RetransmittedSegments,
    long Gaps,
    long EvictedStreams,
    long PeakStreams,
    long PeakBufferedBytes);
