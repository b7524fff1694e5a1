using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests;

/// <summary>A sink that keeps every call, for dissector tests to assert on.</summary>
internal sealed class RecordingSink : IDissectionSink
{
    public List<(long Frame, ProtocolId Protocol)> Pdus { get; } = [];

    public List<(long Frame, ProtocolId Protocol, ushort Code, string Name, OperationKind Kind, bool IsRequest)> Operations { get; } = [];

    public List<(long Frame, ProtocolId Protocol, DeviceRef Device, IdentityField Field, string Value)> Identities { get; } = [];

    public List<(long Frame, ProtocolId Protocol, DiscoveryEventKind Kind, string Detail)> Events { get; } = [];

    public void Pdu(in FrameInfo frame, ProtocolId protocol) => Pdus.Add((frame.Number, protocol));

    public void Operation(in FrameInfo frame, ProtocolId protocol, ushort code, string name, OperationKind kind, bool isRequest) =>
        Operations.Add((frame.Number, protocol, code, name, kind, isRequest));

    public void Identity(in FrameInfo frame, ProtocolId protocol, DeviceRef device, IdentityField field, string value) =>
        Identities.Add((frame.Number, protocol, device, field, value));

    public void Event(in FrameInfo frame, ProtocolId protocol, DiscoveryEventKind kind, string detail) =>
        Events.Add((frame.Number, protocol, kind, detail));

    /// <summary>The values seen for one field, in order, without repeats.</summary>
    public IReadOnlyList<string> Values(IdentityField field) =>
        Identities.Where(i => i.Field == field).Select(i => i.Value).Distinct().ToList();
}
