using Seam.Protocols.Dissection;
using Seam.Protocols.FileTransfer;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.FileTransfer;

/// <summary>No FTP or TFTP in the corpus; commands per RFC 959 and requests per RFC 1350, checked with tshark.</summary>
public sealed class FtpTftpDissectorTests
{
    private readonly FtpDissector _ftp = new();
    private readonly TftpDissector _tftp = new();

    [Fact]
    public void The_ftp_greeting_names_the_server_software()
    {
        var frame = TestFrames.Tcp("10.0.7.7", 21, "10.0.0.5", 50123);

        var sink = TestFrames.Dissect(_ftp, frame, TestFrames.Ascii("220 ProFTPD 1.3.8 Server (HMI archive)\r\n"));

        Assert.Equal((DeviceRef.Source(frame), "ProFTPD 1.3.8 Server (HMI archive)"), (sink.Identities[0].Device, sink.Identities[0].Value));
    }

    [Fact]
    public void An_ftp_login_names_the_user_and_says_the_password_is_in_clear_without_showing_it()
    {
        var frame = TestFrames.Tcp("10.0.0.5", 50123, "10.0.7.7", 21);

        var user = TestFrames.Dissect(_ftp, frame, TestFrames.Ascii("USER plcbackup\r\n"));
        var pass = TestFrames.Dissect(_ftp, frame, TestFrames.Ascii("PASS Winter2024!\r\n"));

        var credential = Assert.Single(user.Events);
        Assert.Equal(DiscoveryEventKind.ClearTextCredential, credential.Kind);
        Assert.Contains("'plcbackup'", credential.Detail, StringComparison.Ordinal);
        Assert.Contains("password in clear", credential.Detail, StringComparison.Ordinal);
        Assert.Empty(pass.Events);
        Assert.Equal("PASS", Assert.Single(pass.Operations).Name);
    }

    [Fact]
    public void Ftp_store_and_retrieve_are_file_transfers_and_tshark_reads_the_same_commands()
    {
        var frame = TestFrames.Tcp("10.0.0.5", 50123, "10.0.7.7", 21);
        var commands = TestFrames.Ascii("TYPE I\r\nSTOR firmware_v2.bin\r\nRETR recipe.csv\r\n");

        var sink = TestFrames.Dissect(_ftp, frame, commands);

        Assert.Equal(["STOR", "RETR"], sink.Operations.Select(o => o.Name));
        Assert.Equal(2, sink.Events.Count(e => e.Kind == DiscoveryEventKind.FileTransfer));
        Assert.Contains("upload of 'firmware_v2.bin'", sink.Events[0].Detail, StringComparison.Ordinal);
        // tshark reads one command per segment, as clients send them.
        Assert.Equal("STOR\tfirmware_v2.bin", TsharkOnBytes.Fields(tcp: true, 50123, 21, TestFrames.Ascii("STOR firmware_v2.bin\r\n"), "ftp.request.command", "ftp.request.arg"));
    }

    [Fact]
    public void A_tftp_write_request_is_an_upload_and_tshark_reads_the_same_file()
    {
        byte[] request = [0, 2, .. TestFrames.Ascii("cpu1516_config.cfg"), 0, .. TestFrames.Ascii("octet"), 0];

        var sink = TestFrames.Dissect(_tftp, TestFrames.Udp("10.0.0.5", 50123, "10.0.8.8", 69), request);

        var transfer = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.FileTransfer, transfer.Kind);
        Assert.Contains("upload of 'cpu1516_config.cfg'", transfer.Detail, StringComparison.Ordinal);
        Assert.Equal(OperationKind.Write, sink.Operations[0].Kind);
        Assert.Equal("2\tcpu1516_config.cfg\toctet", TsharkOnBytes.Fields(tcp: false, 50123, 69, request, "tftp.opcode", "tftp.destination_file", "tftp.type"));
    }

    [Fact]
    public void A_tftp_read_request_is_a_download()
    {
        byte[] request = [0, 1, .. TestFrames.Ascii("firmware.img"), 0, .. TestFrames.Ascii("netascii"), 0, .. TestFrames.Ascii("blksize"), 0, .. TestFrames.Ascii("1428"), 0];

        var sink = TestFrames.Dissect(_tftp, TestFrames.Udp("10.0.0.5", 50123, "10.0.8.8", 69), request);

        Assert.Contains("download of 'firmware.img' from 10.0.8.8", Assert.Single(sink.Events).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001 666f6f 00 62696e 00")]  // mode "bin" is not an RFC 1350 mode
    [InlineData("0002 00 6f63746574 00")]      // empty file name
    [InlineData("0009 0000")]                  // no such opcode
    public void Requests_that_are_not_tftp_raise_nothing(string hex)
    {
        var sink = TestFrames.Dissect(_tftp, TestFrames.Udp("10.0.0.5", 50123, "10.0.8.8", 69), TestFrames.Hex(hex));

        Assert.Empty(sink.Pdus);
        Assert.Empty(sink.Events);
    }
}
