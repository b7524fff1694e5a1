using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Reassembly;

namespace Seam.Protocols.OpcUa;

/// <summary>
/// OPC UA binary over TCP (UA TCP and UA Secure Conversation, OPC 10000-6 §6–7). Reads the transport header
/// of every message; reads service bodies only where they travel in clear (security policy None, or Sign),
/// which is where passive discovery learns endpoints, products and clear-text passwords.
/// </summary>
public sealed class OpcUaDissector : IDissector
{
    private const int HeaderLength = 8;
    private const ushort DiscoveryPort = 4840;

    // A message this size is already far beyond what any stack negotiates; past it the bytes are not OPC UA.
    private const int MaxMessageSize = 64 * 1024 * 1024;
    private const string PolicyNone = "http://opcfoundation.org/UA/SecurityPolicy#None";

    /// <summary>
    /// Chunked messages are put back together only for the services whose bodies are read (endpoints, servers,
    /// secure channel and session requests). A server with many endpoints and certificates answers GetEndpoints
    /// in tens of kilobytes; past this cap the message is dropped, whatever size the peer negotiated.
    /// </summary>
    private const int MaxReassembledMessage = 1024 * 1024;

    /// <summary>Messages being put back together at once, over every connection of the run.</summary>
    internal const int MaxMessagesInFlight = 16;

    private const byte IntermediateChunk = (byte)'C';
    private const byte AbortChunk = (byte)'A';

    private readonly BoundedTable<ChunkedMessageKey, MessageBuffer> _partial = new(MaxMessagesInFlight);

    public ProtocolId Protocol => ProtocolId.OpcUa;

    /// <summary>Chunked messages held until their final chunk, for tests of the bound.</summary>
    internal int MessagesInFlight => _partial.Count;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(DiscoveryPort);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.Length >= 3 && MessageTypeOf(stream) == UaMessageType.Unknown)
        {
            return -1;
        }

        if (stream.Length < HeaderLength)
        {
            return 0;
        }

        if (!IsChunkType(stream[3]))
        {
            return -1;
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(stream[4..]);
        return size is < HeaderLength or > MaxMessageSize ? -1 : (int)size;
    }

    public bool RecognisesStreamStart(ReadOnlySpan<byte> firstPayload) =>
        firstPayload.Length >= HeaderLength
        && (firstPayload.StartsWith("HELF"u8) || firstPayload.StartsWith("OPNF"u8) || firstPayload.StartsWith("RHEF"u8))
        && PduLength(firstPayload) > 0;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < HeaderLength || PduLength(pdu) <= 0)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.OpcUa);
        var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(pdu[4..]);
        var body = pdu[HeaderLength..Math.Min(size, pdu.Length)];
        switch (MessageTypeOf(pdu))
        {
            case UaMessageType.Hello:
                sink.Operation(frame, ProtocolId.OpcUa, 0, "Hello", OperationKind.Session, true);
                DissectHello(frame, body, sink);
                break;
            case UaMessageType.Acknowledge:
                sink.Operation(frame, ProtocolId.OpcUa, 0, "Acknowledge", OperationKind.Session, false);
                break;
            case UaMessageType.Error:
                sink.Operation(frame, ProtocolId.OpcUa, 0, "Error", OperationKind.Error, false);
                break;
            case UaMessageType.ReverseHello:
                sink.Operation(frame, ProtocolId.OpcUa, 0, "ReverseHello", OperationKind.Session, true);
                DissectReverseHello(frame, body, sink);
                break;
            case UaMessageType.Open:
                DissectOpen(frame, body, pdu[3], sink);
                break;
            case UaMessageType.Message or UaMessageType.Close when body.Length >= 16:
                // Symmetric security header (SecureChannelId, TokenId) and sequence header (number, request id).
                var key = ChunkedMessageKey.Of(frame, pdu[0], BinaryPrimitives.ReadUInt32LittleEndian(body),
                    BinaryPrimitives.ReadUInt32LittleEndian(body[12..]));
                DissectChunk(frame, key, pdu[3], body[16..], policyIsNone: false, sink);
                break;
        }
    }

    private static void DissectHello(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink)
    {
        var reader = new UaBinaryReader(body);
        reader.Skip(20);
        var endpointUrl = reader.String();
        if (!reader.Failed && !string.IsNullOrEmpty(endpointUrl))
        {
            sink.Identity(frame, ProtocolId.OpcUa, DeviceRef.Destination(frame), IdentityField.EndpointUrl, endpointUrl);
        }
    }

    private static void DissectReverseHello(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink)
    {
        // The server opens the connection for a reverse hello, so the server is the sender.
        var reader = new UaBinaryReader(body);
        var serverUri = reader.String();
        var endpointUrl = reader.String();
        if (reader.Failed)
        {
            return;
        }

        var server = DeviceRef.Source(frame);
        Report(frame, sink, server, IdentityField.ApplicationUri, serverUri);
        Report(frame, sink, server, IdentityField.EndpointUrl, endpointUrl);
    }

    private void DissectOpen(in FrameInfo frame, ReadOnlySpan<byte> body, byte chunk, IDissectionSink sink)
    {
        var reader = new UaBinaryReader(body);
        var channel = reader.UInt32();
        var policy = reader.String();
        reader.SkipString();
        reader.SkipString();
        reader.Skip(8);
        if (reader.Failed)
        {
            sink.Operation(frame, ProtocolId.OpcUa, OpcUaServices.OpenSecureChannelRequest, "OpenSecureChannel", OperationKind.Session, true);
            return;
        }

        var isNone = policy == PolicyNone;
        if (isNone)
        {
            var requestId = BinaryPrimitives.ReadUInt32LittleEndian(body[(reader.Position - 4)..]);
            DissectChunk(frame, ChunkedMessageKey.Of(frame, (byte)'O', channel, requestId), chunk, body[reader.Position..], policyIsNone: true, sink);
        }
        else
        {
            // Encrypted body: which end is the server can only come from the ports.
            sink.Operation(frame, ProtocolId.OpcUa, OpcUaServices.OpenSecureChannelRequest, "OpenSecureChannel", OperationKind.Session, true);
        }

        if (!string.IsNullOrEmpty(policy))
        {
            var server = isNone ? ServerOf(frame, body[reader.Position..]) : ServerByPort(frame);
            sink.Identity(frame, ProtocolId.OpcUa, server, IdentityField.SecurityPolicy, policy);
        }
    }

    private static DeviceRef ServerOf(in FrameInfo frame, ReadOnlySpan<byte> serviceBody)
    {
        var reader = new UaBinaryReader(serviceBody);
        var typeId = reader.NodeId();
        return OpcUaServices.TryGet(typeId, out var service) ? ServerBy(frame, service.IsRequest) : ServerByPort(frame);
    }

    private static DeviceRef ServerBy(in FrameInfo frame, bool isRequest) =>
        isRequest ? DeviceRef.Destination(frame) : DeviceRef.Source(frame);

    private static DeviceRef ServerByPort(in FrameInfo frame) =>
        frame.SourcePort == DiscoveryPort || (frame.DestinationPort != DiscoveryPort && frame.SourcePort < frame.DestinationPort)
            ? DeviceRef.Source(frame)
            : DeviceRef.Destination(frame);

    /// <summary>
    /// One chunk of a message (OPC 10000-6 §6.7.2): 'F' ends it, 'C' says more follow, 'A' abandons it. Each
    /// chunk repeats the security and sequence headers, so <paramref name="serviceBody"/> is the part after them,
    /// and the message's body is those parts in order. With security mode Sign each part would end in a signature
    /// whose length depends on the channel's certificates; those bodies are not put back together correctly, and
    /// the readers below stop where the bytes stop making sense.
    /// </summary>
    private void DissectChunk(in FrameInfo frame, ChunkedMessageKey key, byte chunk, ReadOnlySpan<byte> serviceBody, bool policyIsNone, IDissectionSink sink)
    {
        if (chunk == AbortChunk)
        {
            _partial.Remove(key, out _);
            return;
        }

        if (_partial.TryGet(key, out var message))
        {
            var appended = message.TryAppend(serviceBody);
            if (appended && chunk == IntermediateChunk)
            {
                return;
            }

            _partial.Remove(key, out _);
            if (appended && ReadService(message.Content, out var whole))
            {
                // The operation was reported with the first chunk; only the body is left to read.
                ReportDetails(frame, whole.TypeId, message.Content[whole.BodyOffset..], sink, policyIsNone);
            }

            return;
        }

        if (!ReadService(serviceBody, out var service))
        {
            return;
        }

        sink.Operation(frame, ProtocolId.OpcUa, service.TypeId, service.Name, service.Kind, service.IsRequest);
        if (chunk != IntermediateChunk)
        {
            ReportDetails(frame, service.TypeId, serviceBody[service.BodyOffset..], sink, policyIsNone);
        }
        else if (HasDetails(service.TypeId, policyIsNone))
        {
            var first = new MessageBuffer(MaxReassembledMessage);
            if (first.TryAppend(serviceBody))
            {
                _partial.Set(key, first);
            }
        }
    }

    private static bool HasDetails(ushort typeId, bool policyIsNone) => typeId switch
    {
        OpcUaServices.OpenSecureChannelRequest => policyIsNone,
        OpcUaServices.GetEndpointsResponse or OpcUaServices.FindServersResponse or OpcUaServices.ActivateSessionRequest => true,
        _ => false,
    };

    /// <summary>
    /// The service a body starts with. Encrypted bodies are told apart from clear ones by whether they start
    /// with the encoding id of a standard service: random bytes almost never do.
    /// </summary>
    private static bool ReadService(ReadOnlySpan<byte> body, out ServiceAt service)
    {
        var reader = new UaBinaryReader(body);
        var typeId = reader.NodeId();
        if (reader.Failed || !OpcUaServices.TryGet(typeId, out var known))
        {
            service = default;
            return false;
        }

        service = new ServiceAt(known, reader.Position);
        return true;
    }

    private static void ReportDetails(in FrameInfo frame, ushort typeId, ReadOnlySpan<byte> rest, IDissectionSink sink, bool policyIsNone)
    {
        switch (typeId)
        {
            case OpcUaServices.OpenSecureChannelRequest when policyIsNone:
                OpcUaDiscovery.ReportRequestedSecurityMode(frame, rest, sink);
                break;
            case OpcUaServices.GetEndpointsResponse:
                OpcUaDiscovery.ReportEndpoints(frame, rest, sink);
                break;
            case OpcUaServices.FindServersResponse:
                OpcUaDiscovery.ReportServers(frame, rest, sink);
                break;
            case OpcUaServices.ActivateSessionRequest:
                OpcUaDiscovery.ReportClearTextPassword(frame, rest, sink);
                break;
        }
    }

    internal static void Report(in FrameInfo frame, IDissectionSink sink, DeviceRef device, IdentityField field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            sink.Identity(frame, ProtocolId.OpcUa, device, field, value);
        }
    }

    private readonly record struct ServiceAt(OpcUaService Service, int BodyOffset)
    {
        public ushort TypeId => Service.TypeId;

        public string Name => Service.Name;

        public OperationKind Kind => Service.Kind;

        public bool IsRequest => Service.IsRequest;
    }

    /// <summary>The chunks of one message: one direction of one connection, one secure channel, one request id.</summary>
    private readonly record struct ChunkedMessageKey(
        IpAddr SourceIp, ushort SourcePort, IpAddr DestinationIp, ushort DestinationPort, byte MessageType, uint SecureChannelId, uint RequestId)
    {
        public static ChunkedMessageKey Of(in FrameInfo frame, byte messageType, uint secureChannelId, uint requestId) =>
            new(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort, messageType, secureChannelId, requestId);
    }

    private static bool IsChunkType(byte chunk) => chunk is (byte)'F' or (byte)'C' or (byte)'A';

    private static UaMessageType MessageTypeOf(ReadOnlySpan<byte> header) => header[..3] switch
    {
        var t when t.SequenceEqual("HEL"u8) => UaMessageType.Hello,
        var t when t.SequenceEqual("ACK"u8) => UaMessageType.Acknowledge,
        var t when t.SequenceEqual("ERR"u8) => UaMessageType.Error,
        var t when t.SequenceEqual("RHE"u8) => UaMessageType.ReverseHello,
        var t when t.SequenceEqual("OPN"u8) => UaMessageType.Open,
        var t when t.SequenceEqual("MSG"u8) => UaMessageType.Message,
        var t when t.SequenceEqual("CLO"u8) => UaMessageType.Close,
        _ => UaMessageType.Unknown,
    };

    private enum UaMessageType
    {
        Unknown,
        Hello,
        Acknowledge,
        Error,
        ReverseHello,
        Open,
        Message,
        Close,
    }
}
