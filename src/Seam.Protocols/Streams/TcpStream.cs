using Seam.Protocols.Dissection;

namespace Seam.Protocols.Streams;

/// <summary>One tracked connection: who dissects it and where each direction is in its byte stream.</summary>
internal sealed class TcpStream(IDissector[]? dissectors)
{
    public TcpDirection FromLow;
    public TcpDirection FromHigh;

    /// <summary>Where <see cref="TcpStreamTable"/> filed the stream: by <see cref="Ipv4Key"/> when <see cref="IsIpv4"/>, else by <see cref="Key"/>.</summary>
    public TcpFlowKey Key;
    public Ipv4Connection Ipv4Key;
    public bool IsIpv4;

    /// <summary>The dissectors of the server port, or the one that recognised the stream's opening; null when none has.</summary>
    public IDissector[]? Dissectors { get; set; } = dissectors;

    /// <summary>Capture time of the last segment, for idle eviction.</summary>
    public long LastSeenNanos { get; set; }

    public ref TcpDirection Direction(bool fromLow) => ref fromLow ? ref FromLow : ref FromHigh;
}

/// <summary>
/// One direction's reassembly state. <see cref="Buffer"/> is pooled and held only while a PDU is incomplete,
/// so an idle stream costs no buffer.
/// </summary>
internal struct TcpDirection
{
    public bool HasSequence;

    /// <summary>The sequence number of the next byte not yet seen.</summary>
    public uint NextSequence;

    public byte[]? Buffer;
    public int Buffered;

    /// <summary>Bytes still to pass over of a PDU too long to buffer.</summary>
    public long SkipRemaining;

    public bool Finished;
    public bool RecognitionTried;
}
