using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.EtherNetIp;

/// <summary>
/// One CIP Message Router request or reply (CIP Vol. 1 §2-4): reports its service and unwraps the requests
/// carried inside a Multiple Service Packet or an Unconnected Send, so a write routed through the Connection
/// Manager is still seen as a write.
/// </summary>
internal static class CipMessage
{
    /// <summary>Nesting deeper than this is not seen in practice and would only serve a crafted packet.</summary>
    private const int MaxDepth = 3;

    private const byte SymbolicSegment = 0x91;

    public static void Report(in FrameInfo frame, ReadOnlySpan<byte> message, IDissectionSink sink, int depth = 0)
    {
        if (message.Length < 2 || depth > MaxDepth)
        {
            return;
        }

        var service = (byte)(message[0] & ~CipService.ReplyBit);
        if ((message[0] & CipService.ReplyBit) != 0)
        {
            ReportReply(frame, service, message, sink, depth);
            return;
        }

        var pathLength = message[1] * 2;
        if (2 + pathLength > message.Length)
        {
            sink.Event(frame, ProtocolId.Cip, DiscoveryEventKind.Malformed,
                $"CIP: request path of {pathLength} bytes at byte 1 runs past the {message.Length}-byte message");
            return;
        }

        var path = message.Slice(2, pathLength);
        var target = TargetOf(path);
        var (name, kind) = CipService.Describe(service, target);
        sink.Operation(frame, ProtocolId.Cip, service, name, kind, isRequest: true);

        var data = message[(2 + pathLength)..];
        if (service == CipService.MultipleServicePacket)
        {
            ReportEmbedded(frame, data, sink, depth);
        }
        else if (service == CipService.UnconnectedSend && target == CipService.Target.ConnectionManager && data.Length >= 4)
        {
            var embeddedLength = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
            if (4 + embeddedLength <= data.Length)
            {
                Report(frame, data.Slice(4, embeddedLength), sink, depth + 1);
            }
        }
    }

    private static void ReportReply(in FrameInfo frame, byte service, ReadOnlySpan<byte> message, IDissectionSink sink, int depth)
    {
        if (message.Length < 4)
        {
            return;
        }

        var (name, kind) = CipService.Describe(service, CipService.Target.OtherObject);
        var generalStatus = message[2];
        // Status 0x06 (partial transfer) is how fragmented reads say "more follows": not a failure.
        var failed = generalStatus is not 0x00 and not 0x06;
        sink.Operation(frame, ProtocolId.Cip, service, name, failed ? OperationKind.Error : kind, isRequest: false);

        var dataOffset = 4 + (message[3] * 2);
        if (service == CipService.MultipleServicePacket && dataOffset <= message.Length)
        {
            ReportEmbedded(frame, message[dataOffset..], sink, depth);
        }
    }

    /// <summary>A Multiple Service Packet body: count u16, then that many offsets u16 measured from the count.</summary>
    private static void ReportEmbedded(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink, int depth)
    {
        if (body.Length < 2)
        {
            return;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(body);
        if (2 + (count * 2) > body.Length)
        {
            sink.Event(frame, ProtocolId.Cip, DiscoveryEventKind.Malformed,
                $"CIP: Multiple Service Packet says {count} services but its offset table runs past the {body.Length}-byte body");
            return;
        }

        for (var i = 0; i < count; i++)
        {
            int start = BinaryPrimitives.ReadUInt16LittleEndian(body[(2 + (i * 2))..]);
            int end = i + 1 < count ? BinaryPrimitives.ReadUInt16LittleEndian(body[(4 + (i * 2))..]) : body.Length;
            if (start < 2 + (count * 2) || end > body.Length || start >= end)
            {
                continue;
            }

            Report(frame, body[start..end], sink, depth + 1);
        }
    }

    private static CipService.Target TargetOf(ReadOnlySpan<byte> path)
    {
        if (path.IsEmpty)
        {
            return CipService.Target.OtherObject;
        }

        if (path[0] == SymbolicSegment)
        {
            return CipService.Target.LogixTag;
        }

        var classId = path[0] switch
        {
            0x20 when path.Length >= 2 => path[1],
            0x21 when path.Length >= 4 => BinaryPrimitives.ReadUInt16LittleEndian(path[2..]),
            _ => -1,
        };
        return classId switch
        {
            CipService.ConnectionManagerClass => CipService.Target.ConnectionManager,
            CipService.LogixSymbolClass => CipService.Target.LogixTag,
            _ => CipService.Target.OtherObject,
        };
    }
}
