using System.Buffers.Binary;
using System.Globalization;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Dns;

/// <summary>
/// DNS and multicast DNS messages (RFC 1035 §4, RFC 6762; over TCP with the 2-byte length of RFC 1035 §4.2.2).
/// Answers are what identify hosts: an A or AAAA record names the address it carries, a PTR record names the
/// address its owner name encodes. Those become host names of the address, whoever sent the message.
/// </summary>
public sealed class DnsDissector : IDissector
{
    private const int HeaderLength = 12;
    private const ushort TypeA = 1;
    private const ushort TypePtr = 12;
    private const ushort TypeAaaa = 28;

    /// <summary>No real message has more records than this per section; more means it is not DNS.</summary>
    private const int MaxRecordsPerSection = 512;

    public ProtocolId Protocol => ProtocolId.Dns;

    public DissectorBinding Binding { get; } = new([53], [53, 5353], []);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.Length < 2)
        {
            return 0;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(stream);
        return length < HeaderLength ? -1 : 2 + length;
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        var message = frame.Transport == Transport.Tcp && pdu.Length >= 2 ? pdu[2..] : pdu;
        if (message.Length < HeaderLength)
        {
            return;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var authorities = BinaryPrimitives.ReadUInt16BigEndian(message[8..]);
        var additionals = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        var opcode = (flags >> 11) & 0xF;
        if (opcode > 6 || questions > MaxRecordsPerSection || answers > MaxRecordsPerSection)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Dns);
        var isResponse = (flags & 0x8000) != 0;
        var responseCode = flags & 0xF;
        sink.Operation(frame, ProtocolId.Dns, (ushort)opcode, isResponse ? "Response" : "Query",
            isResponse && responseCode != 0 ? OperationKind.Error : OperationKind.Read, !isResponse);

        var offset = HeaderLength;
        for (var i = 0; i < questions && offset >= 0; i++)
        {
            offset = DnsName.Skip(message, offset);
            offset = offset < 0 || offset + 4 > message.Length ? -1 : offset + 4;
        }

        // mDNS announcements put their records in answers and additionals alike; both are read.
        var records = answers + Math.Min(authorities + additionals, MaxRecordsPerSection);
        for (var i = 0; i < records && offset >= 0; i++)
        {
            offset = ReadRecord(frame, message, offset, sink);
        }
    }

    /// <summary>Reports one resource record if it names a host, and returns where the next one starts (-1: malformed).</summary>
    private static int ReadRecord(in FrameInfo frame, ReadOnlySpan<byte> message, int offset, IDissectionSink sink)
    {
        var owner = offset;
        var fixedPart = DnsName.Skip(message, offset);
        if (fixedPart < 0 || fixedPart + 10 > message.Length)
        {
            return -1;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(message[fixedPart..]);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(message[(fixedPart + 8)..]);
        var data = fixedPart + 10;
        if (data + dataLength > message.Length)
        {
            return -1;
        }

        var rdata = message.Slice(data, dataLength);
        if (type == TypeA && dataLength == 4)
        {
            Report(frame, IpAddr.ReadV4(rdata), DnsName.Read(message, owner), sink);
        }
        else if (type == TypeAaaa && dataLength == 16)
        {
            Report(frame, IpAddr.ReadV6(rdata), DnsName.Read(message, owner), sink);
        }
        else if (type == TypePtr && DnsName.Read(message, owner) is { } reverse && ReverseName.TryParse(reverse, out var address))
        {
            Report(frame, address, DnsName.Read(message, data), sink);
        }

        return data + dataLength;
    }

    /// <summary>127/8 and ::1 name no device on the network, only whichever host is asking.</summary>
    private static bool IsLoopback(IpAddr address) =>
        (address.IsV4 && (address.Low & 0xFF00_0000UL) == 0x7F00_0000UL) || (address.High == 0 && address.Low == 1);

    /// <summary>
    /// Service names ("LDS-x._opcua-tcp._tcp.local", labels starting with '_') are not host names, even where
    /// a responder attaches an address to them directly; loopback answers are skipped too.
    /// </summary>
    private static void Report(in FrameInfo frame, IpAddr address, string? name, IDissectionSink sink)
    {
        if (!string.IsNullOrEmpty(name) && !address.IsNone && !IsLoopback(address) && !name.StartsWith('_') && !name.Contains("._", StringComparison.Ordinal))
        {
            sink.Identity(frame, ProtocolId.Dns, DeviceRef.ForIp(address), IdentityField.HostName, name);
        }
    }
}

/// <summary>Reverse-lookup owner names: "4.3.2.1.in-addr.arpa" and the 32-nibble "ip6.arpa" form (RFC 3596 §2.5).</summary>
internal static class ReverseName
{
    public static bool TryParse(string name, out IpAddr address)
    {
        address = IpAddr.None;
        if (name.EndsWith(".in-addr.arpa", StringComparison.OrdinalIgnoreCase))
        {
            var parts = name[..^".in-addr.arpa".Length].Split('.');
            if (parts.Length != 4)
            {
                return false;
            }

            uint value = 0;
            for (var i = 3; i >= 0; i--)
            {
                if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
                {
                    return false;
                }

                value = (value << 8) | octet;
            }

            address = IpAddr.FromV4(value);
            return true;
        }

        if (name.EndsWith(".ip6.arpa", StringComparison.OrdinalIgnoreCase))
        {
            var nibbles = name[..^".ip6.arpa".Length].Split('.');
            if (nibbles.Length != 32)
            {
                return false;
            }

            ulong high = 0, low = 0;
            for (var i = 31; i >= 0; i--)
            {
                if (nibbles[i].Length != 1 || !byte.TryParse(nibbles[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var nibble))
                {
                    return false;
                }

                // Nibble 31 (written first in the address) is the most significant of the high half.
                high = (high << 4) | (low >> 60);
                low = (low << 4) | nibble;
            }

            address = new IpAddr(high, low);
            return true;
        }

        return false;
    }
}
