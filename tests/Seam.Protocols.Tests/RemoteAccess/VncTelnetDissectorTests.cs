using Seam.Protocols.Dissection;
using Seam.Protocols.RemoteAccess;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.RemoteAccess;

/// <summary>No VNC or Telnet in the corpus; messages per RFC 6143 §7.1.1 and RFC 854, checked with tshark.</summary>
public sealed class VncTelnetDissectorTests
{
    private readonly VncDissector _vnc = new();
    private readonly TelnetDissector _telnet = new();

    [Fact]
    public void The_vnc_servers_version_opens_a_session_and_names_the_server()
    {
        var frame = TestFrames.Tcp("10.0.4.4", 5900, "10.0.0.5", 50123);

        var sink = TestFrames.Dissect(_vnc, frame, TestFrames.Ascii("RFB 003.008\n"));

        Assert.Equal(DiscoveryEventKind.RemoteAccessSession, Assert.Single(sink.Events).Kind);
        Assert.Equal((DeviceRef.Source(frame), "VNC server (RFB 003.008)"), (sink.Identities[0].Device, sink.Identities[0].Value));
        Assert.Equal("003.008", TsharkOnBytes.Fields(tcp: true, 5900, 50123, TestFrames.Ascii("RFB 003.008\n"), "vnc.server_proto_ver"));
    }

    [Fact]
    public void The_vnc_clients_echo_is_not_a_second_session()
    {
        var sink = TestFrames.Dissect(_vnc, TestFrames.Tcp("10.0.0.5", 50123, "10.0.4.4", 5901), TestFrames.Ascii("RFB 003.008\n"));

        Assert.Empty(sink.Events);
        Assert.True(sink.Operations[0].IsRequest);
        Assert.True(_vnc.RecognisesStreamStart(TestFrames.Ascii("RFB 003.003\n")));
        Assert.False(_vnc.RecognisesStreamStart(TestFrames.Ascii("RFB 3.8\n\n\n\n\n")));
    }

    [Fact]
    public void A_telnet_login_prompt_after_option_negotiation_is_a_remote_session()
    {
        byte[] prompt = [.. TestFrames.Hex("fffd18 fffd20 fffb01"), .. TestFrames.Ascii("\r\nSCALANCE X208 login: ")];

        var sink = TestFrames.Dissect(_telnet, TestFrames.Tcp("10.0.5.5", 23, "10.0.0.5", 50123), prompt);

        var session = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.RemoteAccessSession, session.Kind);
        Assert.Contains("in clear", session.Detail, StringComparison.Ordinal);
        Assert.Equal("\\r\\n,SCALANCE X208 login: ", TsharkOnBytes.Fields(tcp: true, 23, 50123, prompt, "telnet.data"));
    }

    [Fact]
    public void A_telnet_password_prompt_is_a_clear_text_credential_that_says_what_was_not_seen()
    {
        var sink = TestFrames.Dissect(_telnet, TestFrames.Tcp("10.0.5.5", 23, "10.0.0.5", 50123), TestFrames.Ascii("Password: "));

        var credential = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.ClearTextCredential, credential.Kind);
        Assert.Contains("did not decode the typed password", credential.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("login: admin\r\n")]       // the prompt is not at the end: output, not a waiting prompt
    [InlineData("Last login: Mon Nov 23")]  // a banner mentioning logins
    public void Text_that_only_mentions_a_login_is_not_a_prompt(string text) =>
        Assert.Empty(TestFrames.Dissect(_telnet, TestFrames.Tcp("10.0.5.5", 23, "10.0.0.5", 50123), TestFrames.Ascii(text)).Events);

    [Fact]
    public void What_the_client_types_is_counted_but_raises_nothing() =>
        Assert.Empty(TestFrames.Dissect(_telnet, TestFrames.Tcp("10.0.0.5", 50123, "10.0.5.5", 23), TestFrames.Ascii("Password:")).Events);
}
