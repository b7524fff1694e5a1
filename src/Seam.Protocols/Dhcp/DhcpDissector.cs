using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.Dhcp;

/// <summary>
/// DHCPv4 (RFC 2131 on the BOOTP layout of RFC 951, options from RFC 2132 and RFC 4702). The client's hardware
/// address is the one identity no other IT protocol gives for certain, so every fact here is about that MAC:
/// the host name it asks for, its vendor class, its FQDN and the address it requests or is given.
/// </summary>
public sealed class DhcpDissector : IDissector
{
    private const int FixedLength = 236;
    private const int OptionsStart = FixedLength + 4;
    private const uint MagicCookie = 0x63825363;

    private const byte OptionPad = 0;
    private const byte OptionHostName = 12;
    private const byte OptionRequestedAddress = 50;
    private const byte OptionMessageType = 53;
    private const byte OptionVendorClass = 60;
    private const byte OptionClientFqdn = 81;
    private const byte OptionEnd = 255;

    private const byte MessageRequest = 3;
    private const byte MessageAck = 5;

    private static readonly string[] MessageNames =
        ["BOOTP", "Discover", "Offer", "Request", "Decline", "Ack", "Nak", "Release", "Inform"];

    public ProtocolId Protocol => ProtocolId.Dhcp;

    public DissectorBinding Binding { get; } = DissectorBinding.Udp(67, 68);

    public int PduLength(ReadOnlySpan<byte> stream) => -1;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < FixedLength || pdu[0] is not (1 or 2))
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Dhcp);
        var isRequest = pdu[0] == 1;
        var client = pdu[1] == 1 && pdu[2] == 6 ? MacAddress.Read(pdu[28..]) : MacAddress.None;
        var assigned = IpAddr.ReadV4(pdu[16..]);
        var hasCookie = pdu.Length >= OptionsStart
            && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(pdu[FixedLength..]) == MagicCookie;
        var options = hasCookie ? pdu[OptionsStart..] : default;

        var messageType = FindOption(options, OptionMessageType) is { Length: 1 } typeOption ? typeOption[0] : (byte)0;
        var name = messageType < MessageNames.Length ? MessageNames[messageType] : "Unknown";
        sink.Operation(frame, ProtocolId.Dhcp, messageType, name, OperationKind.Other, isRequest);

        if (client.IsNone || client.IsGroup)
        {
            return;
        }

        var device = DeviceRef.ForMac(client);
        if (FindOption(options, OptionHostName) is { Length: > 0 } hostName)
        {
            sink.Identity(frame, ProtocolId.Dhcp, device, IdentityField.HostName, AsciiText.ToPrintable(TrimNul(hostName)));
        }

        if (FindOption(options, OptionVendorClass) is { Length: > 0 } vendorClass)
        {
            sink.Identity(frame, ProtocolId.Dhcp, device, IdentityField.Software, AsciiText.ToPrintable(TrimNul(vendorClass)));
        }

        if (FindOption(options, OptionClientFqdn) is { Length: > 3 } fqdn && ClientFqdn(fqdn) is { Length: > 0 } fqdnName)
        {
            sink.Identity(frame, ProtocolId.Dhcp, device, IdentityField.HostName, fqdnName);
        }

        if (messageType == MessageRequest && FindOption(options, OptionRequestedAddress) is { Length: 4 } requested)
        {
            sink.Identity(frame, ProtocolId.Dhcp, device, IdentityField.IpAddress, IpAddr.ReadV4(requested).ToString());
        }
        else if (messageType == MessageAck && !isRequest && assigned != IpAddr.FromV4(0))
        {
            sink.Identity(frame, ProtocolId.Dhcp, device, IdentityField.IpAddress, assigned.ToString());
        }
    }

    /// <summary>The value of the first option with <paramref name="code"/>; empty when absent or cut short.</summary>
    internal static ReadOnlySpan<byte> FindOption(ReadOnlySpan<byte> options, byte code)
    {
        var offset = 0;
        while (offset < options.Length)
        {
            var current = options[offset];
            if (current == OptionPad)
            {
                offset++;
                continue;
            }

            if (current == OptionEnd || offset + 1 >= options.Length)
            {
                return default;
            }

            var length = options[offset + 1];
            if (offset + 2 + length > options.Length)
            {
                return default;
            }

            if (current == code)
            {
                return options.Slice(offset + 2, length);
            }

            offset += 2 + length;
        }

        return default;
    }

    /// <summary>
    /// RFC 4702 §2: flags, two obsolete rcodes, then the name: DNS wire format when the E flag (0x04) is set,
    /// otherwise ASCII.
    /// </summary>
    private static string ClientFqdn(ReadOnlySpan<byte> option)
    {
        var name = option[3..];
        if ((option[0] & 0x04) == 0)
        {
            return AsciiText.ToPrintable(TrimNul(name));
        }

        var labels = new List<string>();
        var offset = 0;
        while (offset < name.Length && name[offset] != 0 && name[offset] < 64 && offset + 1 + name[offset] <= name.Length)
        {
            labels.Add(AsciiText.ToPrintable(name.Slice(offset + 1, name[offset])));
            offset += 1 + name[offset];
        }

        return string.Join('.', labels);
    }

    /// <summary>Some clients count a terminating NUL in the option length.</summary>
    private static ReadOnlySpan<byte> TrimNul(ReadOnlySpan<byte> value)
    {
        var nul = value.IndexOf((byte)0);
        return nul < 0 ? value : value[..nul];
    }
}
