using Seam.Protocols.Dissection;
using Seam.Protocols.OpcUa;

namespace Seam.Protocols.Tests.OpcUa;

/// <summary>
/// Payloads copied with tshark out of corpus/pcaps/opcua/open62541_discover_getendpoints_discover_urls.pcap
/// (frames 75, 79, 85), open62541_client-server_mainloop.pcap (frame 49) and
/// opc-ua-ap-method-wireshark-freeze.pcap (frame 43); expectations are what tshark -V shows for them.
/// </summary>
public sealed class OpcUaDissectorTests
{
    internal const string Hello75 = "48454c463a00000000000000ffff0000ffff000000000000000000001a0000006f70632e7463703a2f2f4d6175692d31363731343a343834302f";

    internal const string OpenRequest79 =
        "4f504e4684000000000000002f000000687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c696379234e6f6e65ffffffffffffffff01000000010000000100be010000b233c73f3aaad7010000000000000000ffffffff00000000000000000000000000000001000000ffffffffc0270900";

    internal const string GetEndpointsResponse85 =
        "4d53474611020000040000000400000002000000020000000100af0186b4c73f3aaad701010000000000000000ffffffff000000010000001a0000006f70632e7463703a2f2f4d6175692d31363731343a343834302f2000000075726e3a6f70656e36323534312e7365727665722e6170706c69636174696f6e14000000687474703a2f2f6f70656e36323534312e6f72670302000000656e220000006f70656e36323534312d6261736564204f5043205541204170706c69636174696f6e00000000090000006d7947415445574159060000006d794449534303000000070000006d795f6f70656e080000006d795f3632353431090000006d795f6f7063207561ffffffff010000002f000000687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c696379234e6f6e65020000001a0000006f70656e36323534312d616e6f6e796d6f75732d706f6c69637900000000ffffffffffffffffffffffff190000006f70656e36323534312d757365726e616d652d706f6c69637901000000ffffffffffffffff2f000000687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c696379234e6f6e6541000000687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412d50726f66696c652f5472616e73706f72742f75617463702d756173632d756162696e61727901";

    internal const string ActivateSession49 =
        "4d534746a1000000040000000400000004000000040000000100d3010401003912161546f36d34fecffcbfbacb4c14c0ec1e4f2dd1d5010500000000000000ffffffffc0270900000000ffffffffffffffffffffffffffffffff010044010136000000190000006f70656e36323534312d757365726e616d652d706f6c6963790500000075736572310800000070617373776f7264ffffffffffffffffffffffff";

    internal const string Error43 = "455252461000000000000280ffffffff";

    private static readonly IpAddr Client = IpAddr.Parse("10.0.0.2");
    private static readonly IpAddr Server = IpAddr.Parse("10.0.0.1");

    private readonly OpcUaDissector _dissector = new();

    [Fact]
    public void Hello_names_the_endpoint_url_of_the_server_it_is_sent_to()
    {
        var sink = Dissect(Hello75, ToServer(75));

        Assert.Equal([(75L, ProtocolId.OpcUa)], sink.Pdus);
        Assert.Equal(("Hello", OperationKind.Session, true), Only(sink));
        var identity = Assert.Single(sink.Identities);
        Assert.Equal((IdentityField.EndpointUrl, "opc.tcp://Maui-16714:4840/", Server), (identity.Field, identity.Value, identity.Device.Ip));
    }

    [Fact]
    public void Open_secure_channel_with_policy_none_gives_the_servers_policy_and_the_requested_mode()
    {
        var sink = Dissect(OpenRequest79, ToServer(79));

        Assert.Equal(((ushort)446, "OpenSecureChannelRequest", OperationKind.Session, true),
            (sink.Operations[0].Code, sink.Operations[0].Name, sink.Operations[0].Kind, sink.Operations[0].IsRequest));
        Assert.Equal(["http://opcfoundation.org/UA/SecurityPolicy#None"], sink.Values(IdentityField.SecurityPolicy));
        Assert.Equal(["None"], sink.Values(IdentityField.SecurityMode));
        Assert.All(sink.Identities, i => Assert.Equal(Server, i.Device.Ip));
    }

    [Fact]
    public void Get_endpoints_response_describes_the_server_that_sent_it()
    {
        var sink = Dissect(GetEndpointsResponse85, FromServer(85));

        Assert.Equal(((ushort)431, "GetEndpointsResponse", OperationKind.Identify, false),
            (sink.Operations[0].Code, sink.Operations[0].Name, sink.Operations[0].Kind, sink.Operations[0].IsRequest));
        Assert.Equal(["opc.tcp://Maui-16714:4840/"], sink.Values(IdentityField.EndpointUrl));
        Assert.Equal(["urn:open62541.server.application"], sink.Values(IdentityField.ApplicationUri));
        Assert.Equal(["http://open62541.org"], sink.Values(IdentityField.Product));
        Assert.Equal(["None"], sink.Values(IdentityField.SecurityMode));
        Assert.Equal(["http://opcfoundation.org/UA/SecurityPolicy#None"], sink.Values(IdentityField.SecurityPolicy));
        Assert.All(sink.Identities, i => Assert.Equal(Server, i.Device.Ip));
    }

    [Fact]
    public void Activate_session_with_an_unencrypted_user_name_token_is_a_clear_text_credential()
    {
        var sink = Dissect(ActivateSession49, ToServer(49));

        Assert.Equal(((ushort)467, "ActivateSessionRequest"), (sink.Operations[0].Code, sink.Operations[0].Name));
        var credential = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.ClearTextCredential, credential.Kind);
        Assert.Contains("'user1'", credential.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("password\"", credential.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Activate_session_whose_token_names_an_encryption_algorithm_is_not_a_clear_text_credential()
    {
        // The same token with EncryptionAlgorithm = "x" instead of null (token body one byte longer): the
        // password bytes are then ciphertext.
        var encrypted = ActivateSession49[..^24].Replace("010136000000", "010137000000", StringComparison.Ordinal)
            + "0100000078" + "ffffffffffffffff";
        var bytes = Convert.FromHexString(encrypted);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), bytes.Length);

        var sink = new RecordingSink();
        _dissector.Dissect(ToServer(49), bytes, sink);

        Assert.Equal("ActivateSessionRequest", sink.Operations[0].Name);
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void Error_message_is_an_error_operation()
    {
        var sink = Dissect(Error43, FromServer(43));

        Assert.Equal(("Error", OperationKind.Error, false), Only(sink));
    }

    [Theory]
    [InlineData("4d5347", 0)]
    [InlineData("4d53474611020000", 0x211)]
    [InlineData("4d53475811020000", -1)]
    [InlineData("474554202f20485454", -1)]
    [InlineData("4d53474604000000", -1)]
    public void Pdu_length_comes_from_the_message_size(string hex, int expected) =>
        Assert.Equal(expected, _dissector.PduLength(Convert.FromHexString(hex)));

    [Fact]
    public void A_stream_is_recognised_by_its_hello_but_not_by_other_text()
    {
        Assert.True(_dissector.RecognisesStreamStart(Convert.FromHexString(Hello75)));
        Assert.False(_dissector.RecognisesStreamStart("HELLO WORLD\r\n"u8));
        Assert.False(_dissector.RecognisesStreamStart(Convert.FromHexString(GetEndpointsResponse85)));
    }

    private RecordingSink Dissect(string hex, FrameInfo frame)
    {
        var sink = new RecordingSink();
        _dissector.Dissect(frame, Convert.FromHexString(hex), sink);
        return sink;
    }

    private static (string, OperationKind, bool) Only(RecordingSink sink)
    {
        var operation = Assert.Single(sink.Operations);
        return (operation.Name, operation.Kind, operation.IsRequest);
    }

    internal static FrameInfo ToServer(long number) => new()
    {
        Number = number,
        Transport = Transport.Tcp,
        SourceIp = Client,
        DestinationIp = Server,
        SourcePort = 51949,
        DestinationPort = 4840,
    };

    internal static FrameInfo FromServer(long number) => new()
    {
        Number = number,
        Transport = Transport.Tcp,
        SourceIp = Server,
        DestinationIp = Client,
        SourcePort = 4840,
        DestinationPort = 51949,
    };
}
