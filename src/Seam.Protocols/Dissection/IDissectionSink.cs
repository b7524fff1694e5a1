namespace Seam.Protocols.Dissection;

/// <summary>
/// Where dissectors report what they saw. Implemented by the discovery aggregator (assets, flows, events) and
/// by tests that record calls. Calls happen on the reader's thread, in frame order.
/// </summary>
public interface IDissectionSink
{
    /// <summary>
    /// Called by the capture pipeline once for every decoded frame, before any dissector sees it, so a sink can
    /// count flows that no dissector recognises. Dissectors never call it.
    /// </summary>
    void Frame(in FrameInfo frame)
    {
    }

    /// <summary>One PDU of <paramref name="protocol"/> was recognised in this frame.</summary>
    void Pdu(in FrameInfo frame, ProtocolId protocol);

    /// <summary>
    /// A request or response with a function code. <paramref name="name"/> must be a constant (a literal or a
    /// static table entry) so that reporting an operation never allocates.
    /// </summary>
    void Operation(in FrameInfo frame, ProtocolId protocol, ushort code, string name, OperationKind kind, bool isRequest);

    /// <summary>A fact about a device's identity. Rare compared with PDUs; the sink de-duplicates.</summary>
    void Identity(in FrameInfo frame, ProtocolId protocol, DeviceRef device, IdentityField field, string value);

    /// <summary>Something a person should see; <paramref name="detail"/> says what in plain words.</summary>
    void Event(in FrameInfo frame, ProtocolId protocol, DiscoveryEventKind kind, string detail);
}
