using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Lldp;

/// <summary>
/// LLDP (IEEE 802.1AB §8): a list of TLVs, each a 7-bit type and 9-bit length. The sender describes itself:
/// name, description, management address and the port the frame left by.
/// </summary>
public sealed class LldpDissector : IDissector
{
    private const ushort LldpEtherType = 0x88CC;
    private const byte EndOfLldpdu = 0;
    private const byte ChassisId = 1;
    private const byte PortId = 2;
    private const byte PortDescription = 4;
    private const byte SystemName = 5;
    private const byte SystemDescription = 6;
    private const byte ManagementAddress = 8;

    public ProtocolId Protocol => ProtocolId.Lldp;

    public DissectorBinding Binding { get; } = DissectorBinding.Ethernet(LldpEtherType);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        // The first TLV must be the chassis id; anything else is not an LLDPDU.
        if (pdu.Length < 2 || pdu[0] >> 1 != ChassisId)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Lldp);
        var sender = DeviceRef.ForMac(frame.SourceMac);
        string? chassisName = null;
        string? portId = null;
        string? portDescription = null;
        var hasSystemName = false;
        var offset = 0;
        while (offset + 2 <= pdu.Length)
        {
            var header = BinaryPrimitives.ReadUInt16BigEndian(pdu[offset..]);
            var type = (byte)(header >> 9);
            var length = header & 0x01FF;
            var start = offset + 2;
            if (type == EndOfLldpdu)
            {
                break;
            }

            if (start + length > pdu.Length)
            {
                sink.Event(frame, ProtocolId.Lldp, DiscoveryEventKind.Malformed,
                    $"LLDP TLV type {type} at offset {offset} says {length} bytes, {pdu.Length - start} remain");
                break;
            }

            var value = pdu.Slice(start, length);
            switch (type)
            {
                case ChassisId when length > 1 && value[0] is 7 or 1 or 2 or 6:
                    chassisName = LinkText.Printable(value[1..]);
                    break;
                case PortId when length > 1:
                    portId = PortIdText(value[0], value[1..]);
                    break;
                case PortDescription:
                    portDescription = LinkText.Printable(value);
                    break;
                case SystemName:
                    hasSystemName |= Report(frame, sink, sender, IdentityField.HostName, LinkText.Printable(value));
                    break;
                case SystemDescription:
                    Report(frame, sink, sender, IdentityField.Software, LinkText.Printable(value));
                    break;
                case ManagementAddress:
                    Report(frame, sink, sender, IdentityField.IpAddress, ManagementIp(value));
                    break;
            }

            offset = start + length;
        }

        if (!hasSystemName)
        {
            Report(frame, sink, sender, IdentityField.HostName, chassisName);
        }

        Report(frame, sink, sender, IdentityField.SwitchPort, portId ?? portDescription);
    }

    /// <summary>Port id subtype 3 is a MAC address; the textual subtypes (1 alias, 5 name, 7 local) are names.</summary>
    private static string? PortIdText(byte subtype, ReadOnlySpan<byte> id) => subtype switch
    {
        3 when id.Length == 6 => MacAddress.Read(id).ToString(),
        1 or 2 or 5 or 7 => LinkText.Printable(id),
        _ => null,
    };

    /// <summary>Address string length (subtype byte included), IANA address family, address; 0.0.0.0 says "none".</summary>
    private static string? ManagementIp(ReadOnlySpan<byte> value)
    {
        if (value.Length < 2 || value[0] < 1 || value[0] > value.Length - 1)
        {
            return null;
        }

        var address = value.Slice(2, value[0] - 1);
        IpAddr ip = (value[1], address.Length) switch
        {
            (1, 4) => IpAddr.ReadV4(address),
            (2, 16) => IpAddr.ReadV6(address),
            _ => IpAddr.None,
        };
        return ip.IsNone || ip == IpAddr.FromV4(0) ? null : ip.ToString();
    }

    private static bool Report(in FrameInfo frame, IDissectionSink sink, DeviceRef device, IdentityField field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        sink.Identity(frame, ProtocolId.Lldp, device, field, value);
        return true;
    }
}

/// <summary>Link-layer discovery strings: printable text, trailing zeros and spaces dropped, anything else refused.</summary>
internal static class LinkText
{
    public static string? Printable(ReadOnlySpan<byte> bytes)
    {
        var text = bytes.TrimEnd((byte)0);
        if (text.IsEmpty)
        {
            return null;
        }

        foreach (var b in text)
        {
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t')
            {
                return null;
            }
        }

        return System.Text.Encoding.UTF8.GetString(text).Trim();
    }
}
