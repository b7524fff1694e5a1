namespace Seam.Protocols.Capture;

/// <summary>
/// The input is not a capture Seam can read at all (not pcap, pcapng or gzip, or a broken file header).
/// Damage after a good header is not thrown: it is reported as a <see cref="CaptureProblem"/>.
/// </summary>
public sealed class CaptureFormatException : Exception
{
    public CaptureFormatException(string source, long byteOffset, string expected, string found)
        : base($"{source}: at byte offset {byteOffset}, expected {expected}; found {found}.")
    {
        SourceName = source;
        ByteOffset = byteOffset;
        Expected = expected;
        Found = found;
    }

    public CaptureFormatException()
        : this("capture", 0, "a capture file", "nothing")
    {
    }

    public CaptureFormatException(string message)
        : base(message)
    {
        SourceName = "capture";
        Expected = "";
        Found = "";
    }

    public CaptureFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = "capture";
        Expected = "";
        Found = "";
    }

    /// <summary>The file name or source name the caller gave.</summary>
    public string SourceName { get; }

    public long ByteOffset { get; }

    public string Expected { get; }

    public string Found { get; }
}
