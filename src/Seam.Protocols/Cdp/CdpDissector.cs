using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Lldp;

namespace Seam.Protocols.Cdp;

/// <summary>
/// Cisco Discovery Protocol: 802.3 LLC/SNAP with Cisco's OUI and protocol id 0x2000 (handed over with that as
/// its EtherType), then version, TTL, checksum and TLVs of 16-bit type and 16-bit length (header included).
/// </summary>
public sealed class CdpDissector : IDissector
{
    private const ushort CdpProtocolId = 0x2000;
    private const int HeaderLength = 4;
    private const ushort DeviceId = 0x0001;
    private const ushort Addresses = 0x0002;
    private const ushort PortId = 0x0003;
    private const ushort SoftwareVersion = 0x0005;
    private const ushort Platform = 0x0006;
    private const ushort ManagementAddresses = 0x0016;

    public ProtocolId Protocol => ProtocolId.Cdp;

    public DissectorBinding Binding { get; } = DissectorBinding.Ethernet(CdpProtocolId);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < HeaderLength || pdu[0] is not (1 or 2))
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Cdp);
        var sender = DeviceRef.ForMac(frame.SourceMac);
        var offset = HeaderLength;
        while (offset + 4 <= pdu.Length)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(pdu[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(pdu[(offset + 2)..]);
            if (length < 4 || offset + length > pdu.Length)
            {
                sink.Event(frame, ProtocolId.Cdp, DiscoveryEventKind.Malformed,
                    $"CDP TLV type 0x{type:x4} at offset {offset} says {length} bytes, {pdu.Length - offset} remain");
                return;
            }

            var value = pdu.Slice(offset + 4, length - 4);
            switch (type)
            {
                case DeviceId:
                    Report(frame, sink, sender, IdentityField.HostName, LinkText.Printable(value));
                    break;
                case PortId:
                    Report(frame, sink, sender, IdentityField.SwitchPort, LinkText.Printable(value));
                    break;
                case SoftwareVersion:
                    Report(frame, sink, sender, IdentityField.Software, LinkText.Printable(value));
                    break;
                case Platform:
                    Report(frame, sink, sender, IdentityField.Model, LinkText.Printable(value));
                    break;
                case Addresses or ManagementAddresses:
                    ReportAddresses(frame, value, sink, sender);
                    break;
            }

            offset += length;
        }
    }

    /// <summary>Count u32, then per address: protocol type, protocol length, protocol (0xCC is IP), length, address.</summary>
    private static void ReportAddresses(in FrameInfo frame, ReadOnlySpan<byte> value, IDissectionSink sink, DeviceRef sender)
    {
        if (value.Length < 4)
        {
            return;
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(value);
        var offset = 4;
        for (uint i = 0; i < count && offset + 2 <= value.Length; i++)
        {
            var protocolLength = value[offset + 1];
            var lengthAt = offset + 2 + protocolLength;
            if (lengthAt + 2 > value.Length)
            {
                return;
            }

            var protocol = value.Slice(offset + 2, protocolLength);
            var addressLength = BinaryPrimitives.ReadUInt16BigEndian(value[lengthAt..]);
            var addressAt = lengthAt + 2;
            if (addressAt + addressLength > value.Length)
            {
                return;
            }

            if (protocolLength == 1 && protocol[0] == 0xCC && addressLength == 4)
            {
                Report(frame, sink, sender, IdentityField.IpAddress, IpAddr.ReadV4(value.Slice(addressAt, 4)).ToString());
            }

            offset = addressAt + addressLength;
        }
    }

    private static void Report(in FrameInfo frame, IDissectionSink sink, DeviceRef device, IdentityField field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            sink.Identity(frame, ProtocolId.Cdp, device, field, value);
        }
    }
}
