using System.Buffers.Binary;
using System.Globalization;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Dnp3;

/// <summary>
/// DNP3 over TCP and UDP 20000. A link frame is a 10-byte header (<c>05 64 length control dest src crc</c>) and
/// user data in blocks of up to 16 bytes, each followed by its CRC; the length field counts neither the CRCs nor
/// the start bytes. The transport byte and the application layer are read from the user data once the CRCs are
/// stripped. A frame with a bad CRC still counts as DNP3 (tshark does the same on port 20000) and is reported
/// as malformed; its user data is not interpreted.
/// </summary>
public sealed class Dnp3Dissector : IDissector
{
    public const ushort Port = 20000;

    private const int HeaderLength = 10;
    private const int BlockLength = 16;
    private const int MinimumLengthField = 5;
    private const int MaxUserData = 255 - MinimumLengthField;

    private const byte TransportFirst = 0x40;

    /// <summary>Addresses 0xFFFD–0xFFFF are broadcasts and name no device.</summary>
    private const ushort FirstBroadcastAddress = 0xFFFD;

    /// <summary>Address text is reported on every frame; caching it keeps the hot path free of allocations.</summary>
    private static readonly string?[] AddressText = new string?[ushort.MaxValue + 1];

    public ProtocolId Protocol => ProtocolId.Dnp3;

    public DissectorBinding Binding { get; } = new([Port], [Port], []);

    /// <summary>The wire length of a link frame whose length field says <paramref name="lengthField"/>.</summary>
    public static int WireLength(byte lengthField)
    {
        var userData = lengthField - MinimumLengthField;
        return HeaderLength + userData + (2 * ((userData + BlockLength - 1) / BlockLength));
    }

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if ((stream.Length >= 1 && stream[0] != 0x05) || (stream.Length >= 2 && stream[1] != 0x64))
        {
            return -1;
        }

        if (stream.Length < 3)
        {
            return 0;
        }

        // A length below 5 cannot be framed; tshark still shows such a frame as (malformed) DNP3, so the rest of
        // the buffer is handed over as one PDU and reported as malformed rather than dropped.
        return stream[2] < MinimumLengthField ? stream.Length : WireLength(stream[2]);
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        // UDP datagrams may carry several link frames back to back.
        var offset = 0;
        while (pdu.Length - offset >= HeaderLength && pdu[offset] == 0x05 && pdu[offset + 1] == 0x64)
        {
            var consumed = DissectLinkFrame(frame, pdu[offset..], offset, sink);
            if (consumed <= 0)
            {
                return;
            }

            offset += consumed;
        }
    }

    /// <returns>The bytes the frame occupied, or 0 when the rest of the buffer cannot be trusted.</returns>
    private static int DissectLinkFrame(in FrameInfo frame, ReadOnlySpan<byte> link, int position, IDissectionSink sink)
    {
        sink.Pdu(frame, ProtocolId.Dnp3);
        var lengthField = link[2];
        if (lengthField < MinimumLengthField)
        {
            sink.Event(frame, ProtocolId.Dnp3, DiscoveryEventKind.Malformed,
                $"DNP3: link length {lengthField} at byte {position + 2} is below the minimum of 5");
            return 0;
        }

        if (!Dnp3Crc.Matches(link[..8], link[8..10]))
        {
            sink.Event(frame, ProtocolId.Dnp3, DiscoveryEventKind.Malformed,
                $"DNP3: link header CRC at byte {position + 8} does not match the header");
        }

        var destination = BinaryPrimitives.ReadUInt16LittleEndian(link[4..]);
        var source = BinaryPrimitives.ReadUInt16LittleEndian(link[6..]);
        ReportAddress(frame, DeviceRef.Source(frame), source, sink);
        ReportAddress(frame, DeviceRef.Destination(frame), destination, sink);

        var wireLength = WireLength(lengthField);
        if (wireLength > link.Length)
        {
            sink.Event(frame, ProtocolId.Dnp3, DiscoveryEventKind.Malformed,
                $"DNP3: link length {lengthField} at byte {position + 2} needs {wireLength} bytes but only {link.Length} follow");
            return 0;
        }

        Span<byte> userData = stackalloc byte[MaxUserData];
        var userLength = lengthField - MinimumLengthField;
        var blocks = link[HeaderLength..wireLength];
        for (var copied = 0; copied < userLength; copied += BlockLength)
        {
            var size = Math.Min(BlockLength, userLength - copied);
            var block = blocks[..size];
            if (!Dnp3Crc.Matches(block, blocks[size..]))
            {
                sink.Event(frame, ProtocolId.Dnp3, DiscoveryEventKind.Malformed,
                    $"DNP3: data block CRC at byte {position + wireLength - blocks.Length + size} does not match its block");
                return wireLength;
            }

            block.CopyTo(userData[copied..]);
            blocks = blocks[(size + 2)..];
        }

        if (userLength >= 3 && (userData[0] & TransportFirst) != 0)
        {
            ReportApplication(frame, userData[1..userLength], sink);
        }

        return wireLength;
    }

    /// <summary>Application header: control, function, and for responses two IIN bytes; then object headers.</summary>
    private static void ReportApplication(in FrameInfo frame, ReadOnlySpan<byte> application, IDissectionSink sink)
    {
        var function = application[1];
        var isRequest = function < Dnp3Functions.FirstResponse;
        var (name, kind) = Dnp3Functions.Describe(function);
        if (!isRequest && application.Length >= 4)
        {
            // IIN2 bits 0–2: function not supported, object unknown, parameter error.
            if ((application[3] & 0x07) != 0)
            {
                kind = OperationKind.Error;
            }
            else
            {
                DeviceAttributes.Report(frame, application[4..], sink);
            }
        }

        sink.Operation(frame, ProtocolId.Dnp3, function, name, kind, isRequest);
        if (function == Dnp3Functions.OpenFile)
        {
            sink.Event(frame, ProtocolId.Dnp3, DiscoveryEventKind.FileTransfer, "DNP3 Open File: a file is being transferred to or from the outstation");
        }
    }

    private static void ReportAddress(in FrameInfo frame, DeviceRef device, ushort address, IDissectionSink sink)
    {
        if (address >= FirstBroadcastAddress)
        {
            return;
        }

        var text = AddressText[address] ??= address.ToString(CultureInfo.InvariantCulture);
        sink.Identity(frame, ProtocolId.Dnp3, device, IdentityField.DeviceAddress, text);
    }
}
