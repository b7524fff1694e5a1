using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.OpcUa;
using static Seam.Protocols.Tests.OpcUa.OpcUaDissectorTests;

namespace Seam.Protocols.Tests.OpcUa;

/// <summary>
/// Messages split into chunks (OPC 10000-6 §6.7.2): the GetEndpoints response of
/// <see cref="OpcUaDissectorTests.GetEndpointsResponse85"/> cut into 'C' chunks and a final 'F', each chunk with
/// its own security and sequence headers. The corpus holds no chunked message (every opcua.transport.chunk is
/// 'F'), so these are built from the specification.
/// </summary>
public sealed class OpcUaChunkTests
{
    /// <summary>The GetEndpoints response as the first of several chunks ('C' instead of 'F').</summary>
    internal static readonly string IntermediateGetEndpointsChunk = "4d534743" + GetEndpointsResponse85[8..];

    private const uint Channel = 4;
    private const uint RequestId = 2;

    private static readonly byte[] ServiceBody = Convert.FromHexString(GetEndpointsResponse85)[24..];

    private readonly OpcUaDissector _dissector = new();

    [Fact]
    public void A_get_endpoints_response_in_three_chunks_describes_the_server_once_it_is_whole()
    {
        var sink = new RecordingSink();
        var parts = Split(ServiceBody, 3);
        Dissect(sink, FromServer(1), Chunk("MSG", 'C', Channel, 10, RequestId, parts[0]));
        Dissect(sink, FromServer(2), Chunk("MSG", 'C', Channel, 11, RequestId, parts[1]));
        Assert.Empty(sink.Identities);
        Dissect(sink, FromServer(3), Chunk("MSG", 'F', Channel, 12, RequestId, parts[2]));

        Assert.Equal([1L, 2L, 3L], sink.Pdus.Select(p => p.Frame));
        var operation = Assert.Single(sink.Operations);
        Assert.Equal((1L, "GetEndpointsResponse", OperationKind.Identify), (operation.Frame, operation.Name, operation.Kind));
        Assert.Equal(["opc.tcp://Maui-16714:4840/"], sink.Values(IdentityField.EndpointUrl));
        Assert.Equal(["urn:open62541.server.application"], sink.Values(IdentityField.ApplicationUri));
        Assert.Equal(["http://opcfoundation.org/UA/SecurityPolicy#None"], sink.Values(IdentityField.SecurityPolicy));
        Assert.All(sink.Identities, i => Assert.Equal(3L, i.Frame));
    }

    [Fact]
    public void An_abort_chunk_discards_the_message()
    {
        var sink = new RecordingSink();
        var parts = Split(ServiceBody, 3);
        Dissect(sink, FromServer(1), Chunk("MSG", 'C', Channel, 10, RequestId, parts[0]));
        // Abort body: error code Bad_RequestTooLarge (0x80B80000) and a null reason.
        Dissect(sink, FromServer(2), Chunk("MSG", 'A', Channel, 11, RequestId, Convert.FromHexString("0000b880ffffffff")));
        Dissect(sink, FromServer(3), Chunk("MSG", 'F', Channel, 12, RequestId, parts[2]));

        Assert.Empty(sink.Identities);
    }

    [Fact]
    public void Chunks_of_another_request_or_direction_do_not_join()
    {
        var sink = new RecordingSink();
        var parts = Split(ServiceBody, 2);
        Dissect(sink, FromServer(1), Chunk("MSG", 'C', Channel, 10, RequestId, parts[0]));
        Dissect(sink, FromServer(2), Chunk("MSG", 'F', Channel, 11, RequestId + 1, parts[1]));
        Dissect(sink, ToServer(3), Chunk("MSG", 'F', Channel, 11, RequestId, parts[1]));

        Assert.Empty(sink.Identities);

        Dissect(sink, FromServer(4), Chunk("MSG", 'F', Channel, 12, RequestId, parts[1]));
        Assert.Equal(["urn:open62541.server.application"], sink.Values(IdentityField.ApplicationUri));
    }

    [Fact]
    public void A_single_final_chunk_is_read_as_before()
    {
        var sink = new RecordingSink();
        Dissect(sink, FromServer(1), Convert.FromHexString(GetEndpointsResponse85));

        Assert.Equal(["urn:open62541.server.application"], sink.Values(IdentityField.ApplicationUri));
    }

    [Fact]
    public void Chunks_of_services_whose_body_is_not_read_are_not_held()
    {
        var sink = new RecordingSink();
        // A Read response (type id 634) split in two: counted and named from its first chunk only.
        var read = Convert.FromHexString("01007a02" + new string('0', 200));
        Dissect(sink, FromServer(1), Chunk("MSG", 'C', Channel, 10, 9, read));
        Dissect(sink, FromServer(2), Chunk("MSG", 'F', Channel, 11, 9, new byte[100]));

        Assert.Equal(["ReadResponse"], sink.Operations.Select(o => o.Name));
    }

    [Fact]
    public void Hostile_chunk_streams_stay_bounded_and_never_throw()
    {
        var sink = new RecordingSink();
        var first = ServiceBody[..40];
        var filler = new byte[60_000];
        // Many messages that never end, and one that grows past any plausible GetEndpoints response.
        for (uint request = 0; request < 2_000; request++)
        {
            Dissect(sink, FromServer(request), Chunk("MSG", 'C', Channel, request, request, first));
        }

        Dissect(sink, FromServer(1), Chunk("MSG", 'C', Channel, 1, 77_777, first));
        for (var i = 0; i < 40; i++)
        {
            Dissect(sink, FromServer(1), Chunk("MSG", 'C', Channel, 1, 77_777, filler));
        }

        Dissect(sink, FromServer(1), Chunk("MSG", 'F', Channel, 1, 77_777, filler));

        Assert.Empty(sink.Identities);
        Assert.All(sink.Operations, o => Assert.Equal("GetEndpointsResponse", o.Name));
        Assert.InRange(_dissector.MessagesInFlight, 1, OpcUaDissector.MaxMessagesInFlight);
    }

    private void Dissect(RecordingSink sink, FrameInfo frame, byte[] chunk)
    {
        Assert.Equal(chunk.Length, _dissector.PduLength(chunk));
        _dissector.Dissect(frame, chunk, sink);
    }

    private static byte[][] Split(byte[] body, int count)
    {
        var size = (body.Length + count - 1) / count;
        return Enumerable.Range(0, count).Select(i => body[Math.Min(body.Length, i * size)..Math.Min(body.Length, (i + 1) * size)]).ToArray();
    }

    /// <summary>Message header, SecureChannelId, TokenId, sequence number, request id, then this chunk's part.</summary>
    private static byte[] Chunk(string type, char chunk, uint channel, uint sequence, uint requestId, byte[] part)
    {
        var bytes = new byte[24 + part.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(bytes, 0);
        bytes[3] = (byte)chunk;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), channel);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), requestId);
        part.CopyTo(bytes, 24);
        return bytes;
    }
}
