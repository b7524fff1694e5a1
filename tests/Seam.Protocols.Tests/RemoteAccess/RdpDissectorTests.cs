using Seam.Protocols.Dissection;
using Seam.Protocols.RemoteAccess;
using Seam.Protocols.Tests.ItProtocols;
using Seam.Protocols.Tests.Tls;

namespace Seam.Protocols.Tests.RemoteAccess;

/// <summary>No RDP in the corpus; the Connection Request is built per [MS-RDPBCGR] §2.2.1.1 and checked with tshark.</summary>
public sealed class RdpDissectorTests
{
    private readonly RdpDissector _dissector = new();

    [Fact]
    public void A_connection_request_is_a_remote_session_naming_the_user_and_the_offered_security()
    {
        var request = ConnectionRequest("Cookie: mstshash=eng.contractor\r\n", requestedProtocols: 0x3);
        var frame = TestFrames.Tcp("10.0.0.5", 50123, "10.0.3.3", 3389);

        var sink = TestFrames.Dissect(_dissector, frame, request);

        Assert.Equal(request.Length, _dissector.PduLength(request));
        Assert.Equal([(1L, ProtocolId.Rdp)], sink.Pdus);
        var session = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.RemoteAccessSession, session.Kind);
        Assert.Contains("user 'eng.contractor'", session.Detail, StringComparison.Ordinal);
        Assert.Contains("TLS, CredSSP", session.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Tshark_reads_the_same_cookie_and_protocols()
    {
        var fields = TsharkOnBytes.Fields(tcp: true, 50123, 3389, ConnectionRequest("Cookie: mstshash=eng.contractor\r\n", 0x3),
            "rdp.rt_cookie", "rdp.negReq.requestedProtocols");

        Assert.Equal("Cookie: mstshash=eng.contractor\t0x00000003", fields);
    }

    [Fact]
    public void A_request_without_negotiation_offers_only_legacy_rdp_security()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.0.5", 50123, "10.0.3.3", 3389), ConnectionRequest("", requestedProtocols: null));

        Assert.Contains("no user name", Assert.Single(sink.Events).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_after_the_negotiation_is_counted_as_tls_with_its_server_name()
    {
        var hello = TlsDissectorTests.ClientHello("rds-gateway.plant.example", []);

        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.0.5", 50123, "10.0.3.3", 3389), hello);

        Assert.Equal([(1L, ProtocolId.Tls)], sink.Pdus);
        Assert.Equal(["rds-gateway.plant.example"], sink.Values(IdentityField.ServerName));
        Assert.Equal(hello.Length, _dissector.PduLength(hello));
    }

    [Theory]
    [InlineData("03 00 00", 0)]
    [InlineData("03 00 00 13", 19)]
    [InlineData("00 81 2c", 300)]
    [InlineData("00 20", 32)]
    [InlineData("03 01 00 13", -1)]
    public void Pdu_length_reads_tpkt_fast_path_and_tls_headers(string hex, int expected) =>
        Assert.Equal(expected, _dissector.PduLength(TestFrames.Hex(hex)));

    /// <summary>TPKT, X.224 CR (LI, 0xE0, dst-ref, src-ref, class 0), the cookie line, then RDP_NEG_REQ.</summary>
    private static byte[] ConnectionRequest(string cookie, uint? requestedProtocols)
    {
        byte[] negotiation = requestedProtocols is { } p ? [1, 0, 8, 0, .. BitConverter.GetBytes(p)] : [];
        byte[] variable = [.. TestFrames.Ascii(cookie), .. negotiation];
        byte[] x224 = [(byte)(6 + variable.Length), 0xE0, 0, 0, 0, 0, 0, .. variable];
        var length = 4 + x224.Length;
        return [3, 0, (byte)(length >> 8), (byte)length, .. x224];
    }
}
