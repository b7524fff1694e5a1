using Seam.Protocols.Dissection;

namespace Seam.Protocols.Capture;

/// <summary>
/// Passes every call on to the caller's sink and notes which protocols reported a PDU in the current frame, so
/// a frame counts once per protocol however many PDUs it carried (tshark's <c>frame.protocols</c> rule).
/// </summary>
internal sealed class FrameCountingSink(IDissectionSink inner) : IDissectionSink
{
    private readonly long[] framesByProtocol = new long[byte.MaxValue + 1];
    private readonly bool[] seenInFrame = new bool[byte.MaxValue + 1];
    private readonly byte[] seenList = new byte[byte.MaxValue + 1];
    private int seenCount;

    public void Pdu(in FrameInfo frame, ProtocolId protocol)
    {
        var index = (byte)protocol;
        if (!seenInFrame[index])
        {
            seenInFrame[index] = true;
            seenList[seenCount++] = index;
        }

        inner.Pdu(frame, protocol);
    }

    public void Operation(in FrameInfo frame, ProtocolId protocol, ushort code, string name, OperationKind kind, bool isRequest) =>
        inner.Operation(frame, protocol, code, name, kind, isRequest);

    public void Identity(in FrameInfo frame, ProtocolId protocol, DeviceRef device, IdentityField field, string value) =>
        inner.Identity(frame, protocol, device, field, value);

    public void Event(in FrameInfo frame, ProtocolId protocol, DiscoveryEventKind kind, string detail) =>
        inner.Event(frame, protocol, kind, detail);

    /// <summary>Counts the protocols of the frame just processed and starts afresh for the next.</summary>
    public void EndFrame()
    {
        for (var i = 0; i < seenCount; i++)
        {
            framesByProtocol[seenList[i]]++;
            seenInFrame[seenList[i]] = false;
        }

        seenCount = 0;
    }

    public IReadOnlyDictionary<ProtocolId, long> Counts()
    {
        var counts = new Dictionary<ProtocolId, long>();
        for (var i = 0; i < framesByProtocol.Length; i++)
        {
            if (framesByProtocol[i] > 0)
            {
                counts[(ProtocolId)i] = framesByProtocol[i];
            }
        }

        return counts;
    }
}
