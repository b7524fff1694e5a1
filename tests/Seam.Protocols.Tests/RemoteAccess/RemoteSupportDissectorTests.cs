using Seam.Protocols.Dissection;
using Seam.Protocols.RemoteAccess;
using Seam.Protocols.Tests.ItProtocols;
using Seam.Protocols.Tests.Tls;

namespace Seam.Protocols.Tests.RemoteAccess;

/// <summary>
/// No capture of either tool in the corpus and tshark 4.0 has no TeamViewer dissector: the TeamViewer bytes
/// follow the signatures nDPI (teamviewer.c) and libprotoident (lpi_teamviewer.cc) match on, which is all the
/// public evidence there is; AnyDesk is TLS, built like the TLS tests.
/// </summary>
public sealed class RemoteSupportDissectorTests
{
    private readonly RemoteSupportDissector _dissector = new();

    [Fact]
    public void A_teamviewer_handshake_to_5938_is_a_remote_session_naming_the_tool()
    {
        byte[] handshake = [0x17, 0x24, 0x0A, 0x20, .. new byte[33]];
        var frame = TestFrames.Tcp("10.0.0.5", 50123, "37.252.227.51", 5938);

        var sink = TestFrames.Dissect(_dissector, frame, handshake);

        Assert.Equal([(1L, ProtocolId.RemoteSupport)], sink.Pdus);
        Assert.Equal((DeviceRef.Source(frame), IdentityField.Software, "TeamViewer"), (sink.Identities[0].Device, sink.Identities[0].Field, sink.Identities[0].Value));
        Assert.Equal(DiscoveryEventKind.RemoteAccessSession, Assert.Single(sink.Events).Kind);
    }

    [Fact]
    public void Later_teamviewer_packets_name_the_tool_without_another_session()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("37.252.227.51", 5938, "10.0.0.5", 50123), TestFrames.Hex("11 30 02 00 ff ff"));

        Assert.Equal(["TeamViewer"], sink.Values(IdentityField.Software));
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void Other_bytes_on_5938_are_not_claimed_as_teamviewer()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.0.5", 50123, "10.0.9.9", 5938), TestFrames.Ascii("GET / HTTP/1.1\r\n\r\n"));

        Assert.Empty(sink.Pdus);
        Assert.Empty(sink.Identities);
    }

    [Fact]
    public void Teamviewer_udp_carries_its_signature_at_offset_11()
    {
        byte[] datagram = [0, .. new byte[10], 0x17, 0x24, 0, 0, 0];

        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("10.0.0.5", 50123, "37.252.227.51", 5938), datagram);

        Assert.Equal(["TeamViewer"], sink.Values(IdentityField.Software));
    }

    [Fact]
    public void Tls_on_anydesks_port_is_a_hinted_session_without_a_software_claim()
    {
        var hello = TlsDissectorTests.ClientHello("relay-1234.net.anydesk.com", []);

        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.0.5", 50123, "10.0.9.9", 7070), hello);

        Assert.Equal(hello.Length, _dissector.PduLength(hello));
        Assert.Contains("port hint only", Assert.Single(sink.Events).Detail, StringComparison.Ordinal);
        Assert.Empty(sink.Identities);
    }

    [Fact]
    public void An_anydesk_certificate_confirms_the_tool_on_both_ends()
    {
        byte[] certificateText = [.. TestFrames.Ascii("....CN=AnyDesk Client...."), .. new byte[8]];
        byte[] record = [22, 3, 3, 0, (byte)certificateText.Length, .. certificateText];

        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.9.9", 7070, "10.0.0.5", 50123), record);

        Assert.Equal(2, sink.Identities.Count(i => i.Value == "AnyDesk"));
    }
}
