using System.Buffers.Binary;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.EtherNetIp;

/// <summary>
/// What a CIP request asked, kept until its reply: a reply repeats the service code but not the path, so without
/// its request it cannot tell Forward_Close from Read-Modify-Write, nor an Identity reply from any other.
/// </summary>
internal readonly record struct CipRequest(byte Service, CipService.Target Target)
{
    public bool IsKnown { get; init; }

    /// <summary>
    /// For a Multiple Service Packet: the target every object-specific request inside it names, so that their
    /// replies inside the reply packet can be named too; none when there are none or they name different objects.
    /// </summary>
    public CipService.Target? EmbeddedTarget { get; init; }

    public static CipRequest Of(byte service, CipService.Target target) => new(service, target) { IsKnown = true };
}

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

    /// <summary>
    /// Reports <paramref name="message"/>. A reply is read in the light of <paramref name="request"/>, the request
    /// it answers when the caller paired them.
    /// </summary>
    /// <returns>
    /// For a request, what its reply should be paired with: the request itself, or for an Unconnected Send the
    /// request it carries, since the target answers that one directly. Nothing for a reply.
    /// </returns>
    public static CipRequest Report(in FrameInfo frame, ReadOnlySpan<byte> message, IDissectionSink sink, CipRequest request = default, int depth = 0)
    {
        if (message.Length < 2 || depth > MaxDepth)
        {
            return default;
        }

        var service = (byte)(message[0] & ~CipService.ReplyBit);
        if ((message[0] & CipService.ReplyBit) != 0)
        {
            var answered = request.IsKnown && request.Service == service;
            ReportReply(frame, service, message, sink, answered ? request.Target : null, answered ? request.EmbeddedTarget : null, depth);
            return default;
        }

        var pathLength = message[1] * 2;
        if (2 + pathLength > message.Length)
        {
            sink.Event(frame, ProtocolId.Cip, DiscoveryEventKind.Malformed,
                $"CIP: request path of {pathLength} bytes at byte 1 runs past the {message.Length}-byte message");
            return default;
        }

        var path = message.Slice(2, pathLength);
        var target = TargetOf(path);
        var (name, kind) = CipService.Describe(service, target);
        sink.Operation(frame, ProtocolId.Cip, service, name, kind, isRequest: true);

        var data = message[(2 + pathLength)..];
        if (service == CipService.MultipleServicePacket)
        {
            return CipRequest.Of(service, target) with { EmbeddedTarget = ReportEmbedded(frame, data, sink, depth, replyTarget: null) };
        }
        else if (service == CipService.UnconnectedSend && target == CipService.Target.ConnectionManager && data.Length >= 4)
        {
            var embeddedLength = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
            if (4 + embeddedLength <= data.Length)
            {
                return Report(frame, data.Slice(4, embeddedLength), sink, default, depth + 1);
            }
        }

        return CipRequest.Of(service, target);
    }

    private static void ReportReply(
        in FrameInfo frame, byte service, ReadOnlySpan<byte> message, IDissectionSink sink, CipService.Target? target, CipService.Target? embeddedTarget, int depth)
    {
        if (message.Length < 4)
        {
            return;
        }

        var (name, kind) = CipService.Describe(service, target ?? CipService.Target.OtherObject);
        var generalStatus = message[2];
        // Status 0x06 (partial transfer) is how fragmented reads say "more follows": not a failure.
        var failed = generalStatus is not 0x00 and not 0x06;
        sink.Operation(frame, ProtocolId.Cip, service, name, failed ? OperationKind.Error : kind, isRequest: false);

        var dataOffset = 4 + (message[3] * 2);
        if (dataOffset > message.Length)
        {
            return;
        }

        if (service == CipService.MultipleServicePacket)
        {
            ReportEmbedded(frame, message[dataOffset..], sink, depth, embeddedTarget);
        }
        else if (target == CipService.Target.IdentityInstance && generalStatus == 0)
        {
            ReportIdentity(frame, service, message, dataOffset, sink);
        }
    }

    private static void ReportIdentity(in FrameInfo frame, byte service, ReadOnlySpan<byte> message, int dataOffset, IDissectionSink sink)
    {
        var device = DeviceRef.Source(frame);
        if (service == CipService.GetAttributesAll && !IdentityAttributes.Report(frame, message[dataOffset..], device, sink))
        {
            sink.Event(frame, ProtocolId.Cip, DiscoveryEventKind.Malformed,
                $"CIP: Identity Get_Attributes_All reply of {message.Length} bytes is too short for its attributes from byte {dataOffset}");
        }
        else if (service == CipService.GetAttributeList && !IdentityAttributes.ReportList(frame, message[dataOffset..], device, sink))
        {
            sink.Event(frame, ProtocolId.Cip, DiscoveryEventKind.Malformed,
                $"CIP: Identity Get_Attribute_List reply of {message.Length} bytes from byte {dataOffset} runs short");
        }
    }

    /// <summary>
    /// A Multiple Service Packet body: count u16, then that many offsets u16 measured from the count. Replies
    /// inside a reply packet are read against <paramref name="replyTarget"/>, what the request packet's
    /// object-specific requests named.
    /// </summary>
    /// <returns>For a request packet, the target its object-specific requests share, if they share one.</returns>
    private static CipService.Target? ReportEmbedded(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink, int depth, CipService.Target? replyTarget)
    {
        if (body.Length < 2)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(body);
        if (2 + (count * 2) > body.Length)
        {
            sink.Event(frame, ProtocolId.Cip, DiscoveryEventKind.Malformed,
                $"CIP: Multiple Service Packet says {count} services but its offset table runs past the {body.Length}-byte body");
            return null;
        }

        CipService.Target? shared = null;
        var mixed = false;
        for (var i = 0; i < count; i++)
        {
            int start = BinaryPrimitives.ReadUInt16LittleEndian(body[(2 + (i * 2))..]);
            int end = i + 1 < count ? BinaryPrimitives.ReadUInt16LittleEndian(body[(4 + (i * 2))..]) : body.Length;
            if (start < 2 + (count * 2) || end > body.Length || start >= end)
            {
                continue;
            }

            var embedded = body[start..end];
            var service = (byte)(embedded[0] & ~CipService.ReplyBit);
            var paired = replyTarget is { } target && CipService.IsObjectSpecific(service) ? CipRequest.Of(service, target) : default;
            var request = Report(frame, embedded, sink, paired, depth + 1);
            if (request.IsKnown && CipService.IsObjectSpecific(request.Service))
            {
                mixed |= shared is { } earlier && earlier != request.Target;
                shared = request.Target;
            }
        }

        return mixed ? null : shared;
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

        var classId = LogicalValue(path, 0x20, out var classLength);
        return classId switch
        {
            CipService.ConnectionManagerClass => CipService.Target.ConnectionManager,
            CipService.LogixSymbolClass => CipService.Target.LogixTag,
            CipService.LogixControllerClass => CipService.Target.LogixController,
            CipService.IdentityClass when LogicalValue(path[classLength..], 0x24, out _) == 1 => CipService.Target.IdentityInstance,
            _ => CipService.Target.OtherObject,
        };
    }

    /// <summary>
    /// A logical segment of the given type (0x20 class, 0x24 instance) in its 8-bit or padded 16-bit form; -1 when
    /// the path does not start with one.
    /// </summary>
    private static int LogicalValue(ReadOnlySpan<byte> path, byte eightBitType, out int length)
    {
        length = 0;
        if (path.Length >= 2 && path[0] == eightBitType)
        {
            length = 2;
            return path[1];
        }

        if (path.Length >= 4 && path[0] == eightBitType + 1)
        {
            length = 4;
            return BinaryPrimitives.ReadUInt16LittleEndian(path[2..]);
        }

        return -1;
    }
}
