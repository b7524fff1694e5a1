namespace Seam.Protocols.Dissection;

/// <summary>
/// Which traffic a dissector wants: TCP or UDP ports (either end), EtherTypes for layer-2 protocols.
/// The capture pipeline builds lookup tables from these once, so dispatch costs an array index per frame.
/// </summary>
public sealed record DissectorBinding(
    IReadOnlyList<ushort> TcpPorts,
    IReadOnlyList<ushort> UdpPorts,
    IReadOnlyList<ushort> EtherTypes)
{
    public static DissectorBinding Tcp(params ushort[] ports) => new(ports, [], []);

    public static DissectorBinding Udp(params ushort[] ports) => new([], ports, []);

    public static DissectorBinding Ethernet(params ushort[] etherTypes) => new([], [], etherTypes);
}

/// <summary>
/// One protocol's parser: a pure function from a PDU's bytes to observations on a sink. Must never throw on
/// bad input, never loop without consuming, never allocate per packet except for identity strings and events.
/// </summary>
public interface IDissector
{
    ProtocolId Protocol { get; }

    DissectorBinding Binding { get; }

    /// <summary>
    /// TCP only: the length of the PDU that starts at <paramref name="stream"/>[0], read from its header, so the
    /// pipeline can cut a byte stream into PDUs across segments. Return 0 when more bytes are needed to know,
    /// -1 when the bytes are not this protocol (the pipeline then drops the stream's buffer and resynchronises
    /// at the next segment). Protocols without framing (banners, text lines) return <c>stream.Length</c>.
    /// </summary>
    int PduLength(ReadOnlySpan<byte> stream);

    /// <summary>
    /// Parses one PDU (TCP: exactly the bytes <see cref="PduLength"/> measured; UDP and Ethernet: the payload)
    /// and reports to <paramref name="sink"/>. Reports <see cref="IDissectionSink.Pdu"/> only when the bytes
    /// really are this protocol.
    /// </summary>
    void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink);

    /// <summary>
    /// For TCP streams on ports no dissector binds: whether the first payload looks like this protocol (OPC UA
    /// "HEL", a TLS ClientHello, "SSH-2.0-"). Only protocols with an unmistakable opening should say yes.
    /// </summary>
    bool RecognisesStreamStart(ReadOnlySpan<byte> firstPayload) => false;
}
