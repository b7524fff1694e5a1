using Seam.Protocols.Dissection;
using Seam.Protocols.Http;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.Http;

/// <summary>The corpus has no HTTP; messages are written per RFC 9112 and checked with tshark.</summary>
public sealed class HttpDissectorTests
{
    private const string Request =
        "GET /portal/status.html HTTP/1.1\r\nHost: plc-17.plant.example:8080\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0)\r\n"
        + "Authorization: Basic YWRtaW46czNjcjN0\r\nAccept: */*\r\n\r\n";

    private const string Response =
        "HTTP/1.1 200 OK\r\nServer: Boa/0.94.14rc21\r\nContent-Length: 5\r\nContent-Type: text/html\r\n\r\nhello";

    private readonly HttpDissector _dissector = new();

    [Fact]
    public void A_request_names_the_server_host_and_the_client_software()
    {
        var frame = TestFrames.Tcp("10.0.0.5", 50123, "10.0.1.17", 8080);

        var sink = TestFrames.Dissect(_dissector, frame, TestFrames.Ascii(Request));

        Assert.Contains((1L, ProtocolId.Http, DeviceRef.Destination(frame), IdentityField.HostName, "plc-17.plant.example"), sink.Identities);
        Assert.Contains((1L, ProtocolId.Http, DeviceRef.Source(frame), IdentityField.Software, "Mozilla/5.0 (Windows NT 10.0)"), sink.Identities);
        Assert.Equal(("GET", OperationKind.Read, true), (sink.Operations[0].Name, sink.Operations[0].Kind, sink.Operations[0].IsRequest));
    }

    [Fact]
    public void Basic_authorization_is_a_clear_text_credential_naming_the_user_but_not_the_password()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.0.5", 50123, "10.0.1.17", 8080), TestFrames.Ascii(Request));

        var credential = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.ClearTextCredential, credential.Kind);
        Assert.Contains("'admin'", credential.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", credential.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Tshark_reads_the_same_host_agent_and_basic_user()
    {
        var fields = TsharkOnBytes.Fields(tcp: true, 50123, 80, TestFrames.Ascii(Request), "http.host", "http.user_agent", "http.authbasic");

        Assert.Equal("plc-17.plant.example:8080\tMozilla/5.0 (Windows NT 10.0)\tadmin:s3cr3t", fields);
    }

    [Fact]
    public void A_response_names_the_server_software_and_takes_its_small_body()
    {
        var bytes = TestFrames.Ascii(Response + "HTTP/1.1 404 Not Found\r\n\r\n");
        var frame = TestFrames.Tcp("10.0.1.17", 80, "10.0.0.5", 50123);

        var first = _dissector.PduLength(bytes);
        var sink = TestFrames.Dissect(_dissector, frame, bytes[..first]);
        var second = TestFrames.Dissect(_dissector, frame, bytes[first..]);

        Assert.Equal(Response.Length, first);
        Assert.Equal(["Boa/0.94.14rc21"], sink.Values(IdentityField.Software));
        Assert.Equal(DeviceRef.Source(frame), sink.Identities[0].Device);
        Assert.Equal((404, OperationKind.Error), (second.Operations[0].Code, second.Operations[0].Kind));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a", 0)]
    [InlineData("binary body bytes", 17)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 999999\r\n\r\nabc", 43)]
    public void Pdu_length_waits_for_a_head_and_does_not_wait_for_large_bodies(string text, int expected) =>
        Assert.Equal(expected, _dissector.PduLength(TestFrames.Ascii(text)));

    [Fact]
    public void A_body_segment_is_not_counted_as_http() =>
        Assert.Empty(TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.1.17", 80, "10.0.0.5", 50123), TestFrames.Ascii("<html>…")).Pdus);

    [Fact]
    public void Stream_starts_are_requests_and_status_lines_only()
    {
        Assert.True(_dissector.RecognisesStreamStart("POST /api HTTP/1.1\r\n"u8));
        Assert.True(_dissector.RecognisesStreamStart("HTTP/1.0 200 OK\r\n"u8));
        Assert.False(_dissector.RecognisesStreamStart("SSH-2.0-OpenSSH\r\n"u8));
    }
}
