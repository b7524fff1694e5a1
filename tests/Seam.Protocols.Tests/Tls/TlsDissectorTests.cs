using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.ItProtocols;
using Seam.Protocols.Tls;

namespace Seam.Protocols.Tests.Tls;

/// <summary>
/// The corpus has no TLS capture, so hellos are built here from RFC 8446 §4.1.2–3 and checked with tshark
/// (<see cref="TsharkOnBytes"/>) to dissect as the same server name, ALPN and version.
/// </summary>
public sealed class TlsDissectorTests
{
    private readonly TlsDissector _dissector = new();

    [Fact]
    public void Client_hello_names_the_server_it_asks_for()
    {
        var record = ClientHello("scada-historian.plant.example", ["h2", "http/1.1"]);
        var frame = TestFrames.Tcp("10.0.0.5", 50123, "10.0.1.9", 443);

        var sink = TestFrames.Dissect(_dissector, frame, record);

        Assert.Equal([(1L, ProtocolId.Tls)], sink.Pdus);
        var identity = Assert.Single(sink.Identities);
        Assert.Equal(IdentityField.ServerName, identity.Field);
        Assert.Equal("scada-historian.plant.example", identity.Value);
        Assert.Equal(DeviceRef.Destination(frame), identity.Device);
        Assert.Equal("ClientHello", Assert.Single(sink.Operations).Name);
        Assert.Equal(record.Length, _dissector.PduLength(record));
    }

    [Fact]
    public void Client_hello_alpn_list_is_read_in_order()
    {
        var hello = ClientHello("a.example", ["opcua+uacp", "http/1.1"]);

        Assert.True(TlsHello.TryReadClientHello(hello.AsSpan(9), out var summary));

        Assert.Equal("opcua+uacp,http/1.1", summary.Alpn);
    }

    [Fact]
    public void Tshark_reads_the_built_client_hello_the_same_way()
    {
        var fields = TsharkOnBytes.Fields(tcp: true, 50123, 443, ClientHello("scada-historian.plant.example", ["h2", "http/1.1"]),
            "tls.handshake.type", "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str");

        Assert.Equal("1\tscada-historian.plant.example\th2,http/1.1", fields);
    }

    [Theory]
    [InlineData(0x0303, null, "TLS 1.2")]
    [InlineData(0x0303, 0x0304, "TLS 1.3")]
    [InlineData(0x0301, null, "TLS 1.0")]
    public void Server_hello_gives_the_negotiated_version_of_the_server(int legacyVersion, int? supportedVersion, string expected)
    {
        var frame = TestFrames.Tcp("10.0.1.9", 443, "10.0.0.5", 50123);

        var sink = TestFrames.Dissect(_dissector, frame, ServerHello((ushort)legacyVersion, (ushort?)supportedVersion));

        var identity = Assert.Single(sink.Identities);
        Assert.Equal((IdentityField.SecurityPolicy, expected), (identity.Field, identity.Value));
        Assert.Equal(DeviceRef.Source(frame), identity.Device);
    }

    [Fact]
    public void Tshark_reads_the_built_server_hello_version()
    {
        var fields = TsharkOnBytes.Fields(tcp: true, 443, 50123, ServerHello(0x0303, 0x0304),
            "tls.handshake.type", "tls.handshake.extensions.supported_version");

        Assert.Equal("2\t0x0304", fields);
    }

    [Fact]
    public void Application_data_is_counted_without_identities()
    {
        var record = TestFrames.Hex("17 0303 0004 deadbeef");

        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.0.5", 50123, "10.0.1.9", 443), record);

        Assert.Single(sink.Pdus);
        Assert.Empty(sink.Identities);
    }

    [Theory]
    [InlineData("16 03", 0)]
    [InlineData("16 0303 00", 0)]
    [InlineData("17 0303 0010", 21)]
    [InlineData("47 45 54 20 2f", -1)]
    [InlineData("16 0303 ffff", -1)]
    public void Pdu_length_reads_the_record_header(string hex, int expected) =>
        Assert.Equal(expected, _dissector.PduLength(TestFrames.Hex(hex)));

    [Fact]
    public void Only_a_client_hello_is_recognised_as_a_stream_start()
    {
        Assert.True(_dissector.RecognisesStreamStart(ClientHello("x.example", [])));
        Assert.False(_dissector.RecognisesStreamStart(ServerHello(0x0303, null)));
        Assert.False(_dissector.RecognisesStreamStart("GET / HTTP/1.1\r\n"u8));
    }

    internal static byte[] ClientHello(string serverName, string[] alpn)
    {
        var extensions = new List<byte>();
        var name = System.Text.Encoding.ASCII.GetBytes(serverName);
        extensions.AddRange(Extension(0, [.. U16(name.Length + 3), 0, .. U16(name.Length), .. name]));
        if (alpn.Length > 0)
        {
            var list = alpn.SelectMany(p => new[] { (byte)p.Length }.Concat(System.Text.Encoding.ASCII.GetBytes(p))).ToArray();
            extensions.AddRange(Extension(16, [.. U16(list.Length), .. list]));
        }

        byte[] body = [0x03, 0x03, .. new byte[32], 0, .. U16(2), 0x13, 0x01, 1, 0, .. U16(extensions.Count), .. extensions];
        return Record(1, body, recordVersion: 0x0301);
    }

    internal static byte[] ServerHello(ushort legacyVersion, ushort? supportedVersion)
    {
        byte[] extensions = supportedVersion is { } v ? Extension(43, U16(v)) : [];
        byte[] body = [.. U16(legacyVersion), .. new byte[32], 0, 0x13, 0x01, 0, .. U16(extensions.Length), .. extensions];
        return Record(2, body, recordVersion: 0x0303);
    }

    private static byte[] Record(byte handshakeType, byte[] body, ushort recordVersion)
    {
        byte[] handshake = [handshakeType, 0, .. U16(body.Length), .. body];
        return [22, .. U16(recordVersion), .. U16(handshake.Length), .. handshake];
    }

    private static byte[] Extension(ushort type, byte[] data) => [.. U16(type), .. U16(data.Length), .. data];

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }
}
