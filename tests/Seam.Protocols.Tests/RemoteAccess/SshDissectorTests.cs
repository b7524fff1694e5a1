using Seam.Protocols.Dissection;
using Seam.Protocols.RemoteAccess;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.RemoteAccess;

/// <summary>No SSH in the corpus; identification lines per RFC 4253 §4.2, checked with tshark.</summary>
public sealed class SshDissectorTests
{
    private readonly SshDissector _dissector = new();

    [Fact]
    public void The_client_identification_names_its_software_and_opens_a_session()
    {
        var line = TestFrames.Ascii("SSH-2.0-PuTTY_Release_0.80\r\n");
        var frame = TestFrames.Tcp("10.0.0.5", 50123, "10.0.2.2", 22);

        var sink = TestFrames.Dissect(_dissector, frame, line);

        Assert.Equal(line.Length, _dissector.PduLength(line));
        Assert.Equal((DeviceRef.Source(frame), "SSH-2.0-PuTTY_Release_0.80"), (sink.Identities[0].Device, sink.Identities[0].Value));
        var session = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.RemoteAccessSession, session.Kind);
        Assert.Contains("10.0.2.2:22", session.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_identification_names_its_software_without_a_second_session()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.2.2", 22, "10.0.0.5", 50123), TestFrames.Ascii("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n"));

        Assert.Equal(["SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13"], sink.Values(IdentityField.Software));
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void Tshark_reads_the_same_identification() =>
        Assert.Equal("SSH-2.0-PuTTY_Release_0.80", TsharkOnBytes.Fields(tcp: true, 50123, 22, TestFrames.Ascii("SSH-2.0-PuTTY_Release_0.80\r\n"), "ssh.protocol"));

    [Fact]
    public void Binary_packets_are_counted_and_an_unfinished_line_is_waited_for()
    {
        var packet = TestFrames.Hex("0000001c 0a 14 00112233445566778899aabbccddeeff");

        Assert.Single(TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.2.2", 22, "10.0.0.5", 50123), packet).Pdus);
        Assert.Equal(packet.Length, _dissector.PduLength(packet));
        Assert.Equal(0, _dissector.PduLength(TestFrames.Ascii("SSH-2.0-Open")));
        Assert.True(_dissector.RecognisesStreamStart(TestFrames.Ascii("SSH-2.0-dropbear\r\n")));
    }
}
