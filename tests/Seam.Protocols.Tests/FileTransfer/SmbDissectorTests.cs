using Seam.Protocols.Dissection;
using Seam.Protocols.FileTransfer;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.FileTransfer;

/// <summary>
/// Real SMB1 over NetBIOS from corpus mixed/mb2.pcap (an InTouch panel PC talking to an ArchestrA server),
/// payloads copied with tshark -Y frame.number==N -e tcp.payload; SMB2 messages built per [MS-SMB2] and checked with tshark.
/// </summary>
public sealed class SmbDissectorTests
{
    /// <summary>Frame 3695: NetBIOS session request from PANELPC02 to IAS01.</summary>
    private const string SessionRequest =
        "8100004420454a454246444441444243414341434143414341434143414341434143414341002046414542454f4546454d4641454444414443434143" +
        "414341434143414341414100";

    /// <summary>Frame 3705: Session Setup AndX response with the NTLMSSP CHALLENGE.</summary>
    private const string Challenge =
        "00000188ff534d4273160000c09807c80000000000000000000000000000fffe02e0400004ff0088010000a9005d01a181a63081a3a0030a0101a10c" +
        "060a2b06010401823702020aa2818d04818a4e544c4d53535000020000000a000a003800000005828aa2c086cd651c1d9cf600000000000000004800" +
        "480042000000060072170000000f4900410053003000310002000a004900410053003000310001000a004900410053003000310004000a0049004100" +
        "53003000310003000a004900410053003000310007000800d0c112bbd8c0cd0100000000570069006e0064006f007700730020005300650072007600" +
        "6500720020002800520029002000320030003000380020005300740061006e0064006100720064002000360030003000320020005300650072007600" +
        "69006300650020005000610063006b00200032000000570069006e0064006f0077007300200053006500720076006500720020002800520029002000" +
        "320030003000380020005300740061006e006400610072006400200036002e0030000000";

    /// <summary>Frame 3709: Session Setup AndX request with an anonymous NTLMSSP AUTHENTICATE.</summary>
    private const string AnonymousAuthenticate =
        "00000104ff534d4273000000001807c80000000000000000000000000000fffe02e080000cff00040104413200000000000000630000000000d40000" +
        "a0c900a161305fa25d045b4e544c4d5353500003000000010001005a000000000000005b000000000000004800000000000000480000001200120048" +
        "000000000000005b000000058a88a20501280a0000000f500041004e0045004c00500043003000320000570069006e0064006f007700730020003200" +
        "3000300032002000530065007200760069006300650020005000610063006b0020003300200032003600300030000000570069006e0064006f007700" +
        "730020003200300030003200200035002e00310000000000";

    /// <summary>Frame 3721: Session Setup AndX request authenticating PANELPC02\\Administrator.</summary>
    private const string AdministratorAuthenticate =
        "00000164ff534d4273000000001807c80000000000000000000000000000fffe033040010cff00640104413200010000000000c20000000000d40000" +
        "a02901a181bf3081bca281b90481b64e544c4d53535000030000001800180086000000180018009e00000012001200480000001a001a005a00000012" +
        "0012007400000000000000b6000000058288a20501280a0000000f500041004e0045004c005000430030003200410064006d0069006e006900730074" +
        "007200610074006f007200500041004e0045004c0050004300300032005d4d016cedb70f1500000000000000000000000000000000432c045f9299ed" +
        "3a0eb28ea85267489cdc6acdce4b95b76e00570069006e0064006f007700730020003200300030003200200053006500720076006900630065002000" +
        "5000610063006b0020003300200032003600300030000000570069006e0064006f007700730020003200300030003200200035002e00310000000000";

    /// <summary>Frame 3729: Tree Connect AndX request for \\\\IAS01\\ARCHESTRA-….</summary>
    private const string TreeConnect =
        "000000a0ff534d4275000000001807c80000000000000000000000000000fffe0330800104ff00a000080001007500005c005c004900410053003000" +
        "31005c004100520043004800450053005400520041002d0045004e004700570045005300540042005500520059002d0049004e0054004f0055004300" +
        "480056004900450057004100500050005f00500041004e0045004c00500043003000320000003f3f3f3f3f00";

    private readonly SmbDissector _dissector = new();

    private static FrameInfo FromClient => TestFrames.Tcp("141.81.0.182", 4548, "141.81.0.10", 139);

    private static FrameInfo FromServer => TestFrames.Tcp("141.81.0.10", 139, "141.81.0.182", 4548);

    [Fact]
    public void The_netbios_session_request_names_both_computers_but_is_not_smb()
    {
        var sink = TestFrames.Dissect(_dissector, FromClient, TestFrames.Hex(SessionRequest));

        Assert.Empty(sink.Pdus);
        Assert.Contains((1L, ProtocolId.Smb, DeviceRef.Destination(FromClient), IdentityField.HostName, "IAS01"), sink.Identities);
        Assert.Contains((1L, ProtocolId.Smb, DeviceRef.Source(FromClient), IdentityField.HostName, "PANELPC02"), sink.Identities);
    }

    [Fact]
    public void The_ntlm_challenge_names_the_server_its_domain_and_its_windows_build()
    {
        var bytes = TestFrames.Hex(Challenge);

        var sink = TestFrames.Dissect(_dissector, FromServer, bytes);

        Assert.Equal(bytes.Length, _dissector.PduLength(bytes));
        Assert.Single(sink.Pdus);
        Assert.Equal(["IAS01"], sink.Values(IdentityField.HostName));
        Assert.Equal(["IAS01"], sink.Values(IdentityField.DomainName));
        Assert.Equal(["Windows 6.0 build 6002", "Windows Server (R) 2008 Standard 6002 Service Pack 2"], sink.Values(IdentityField.OperatingSystem));
        Assert.All(sink.Identities, i => Assert.Equal(DeviceRef.Source(FromServer), i.Device));
        Assert.Equal(OperationKind.Session, Assert.Single(sink.Operations).Kind);
    }

    [Fact]
    public void An_anonymous_logon_names_the_workstation_and_raises_no_event()
    {
        var sink = TestFrames.Dissect(_dissector, FromClient, TestFrames.Hex(AnonymousAuthenticate));

        Assert.Equal(["PANELPC02"], sink.Values(IdentityField.HostName));
        Assert.Equal(["Windows 2002 Service Pack 3 2600"], sink.Values(IdentityField.OperatingSystem));
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void A_named_ntlmv1_logon_is_reported_with_the_user_and_without_any_secret()
    {
        var sink = TestFrames.Dissect(_dissector, FromClient, TestFrames.Hex(AdministratorAuthenticate));

        var logon = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.ClearTextCredential, logon.Kind);
        Assert.Contains("'PANELPC02\\Administrator'", logon.Detail, StringComparison.Ordinal);
        Assert.Contains("NTLMv1", logon.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("432c045f", logon.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["PANELPC02"], sink.Values(IdentityField.DomainName));
    }

    [Fact]
    public void A_tree_connect_names_the_server_in_its_path()
    {
        var sink = TestFrames.Dissect(_dissector, FromClient, TestFrames.Hex(TreeConnect));

        Assert.Equal(("TreeConnectAndX", true), (Assert.Single(sink.Operations).Name, sink.Operations[0].IsRequest));
        var identity = Assert.Single(sink.Identities);
        Assert.Equal((IdentityField.HostName, "IAS01"), (identity.Field, identity.Value));
        Assert.Equal(DeviceRef.Destination(FromClient), identity.Device);
    }

    [Fact]
    public void An_smb2_create_for_writing_is_a_file_transfer_and_tshark_agrees_on_the_name()
    {
        var create = Smb2Create("Projects\\Line3\\S7_Line3.zap16", desiredAccess: 0x0012019F, disposition: 5);
        var frame = TestFrames.Tcp("10.0.0.5", 50200, "10.0.0.9", 445);

        var sink = TestFrames.Dissect(_dissector, frame, create);

        var transfer = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.FileTransfer, transfer.Kind);
        Assert.Contains("'Projects\\Line3\\S7_Line3.zap16'", transfer.Detail, StringComparison.Ordinal);
        Assert.Equal("5\tProjects\\Line3\\S7_Line3.zap16", TsharkOnBytes.Fields(tcp: true, 50200, 445, create, "smb2.cmd", "smb2.filename"));
    }

    [Fact]
    public void An_smb2_open_of_an_existing_file_is_not_a_transfer()
    {
        var open = Smb2Create("srvsvc", desiredAccess: 0x0012019F, disposition: 1);

        var sink = TestFrames.Dissect(_dissector, TestFrames.Tcp("10.0.0.5", 50200, "10.0.0.9", 445), open);

        Assert.Single(sink.Pdus);
        Assert.Empty(sink.Events);
    }

    [Theory]
    [InlineData("00 00 00", 0)]
    [InlineData("00 00 01 00", 260)]
    [InlineData("85 00 00 00", 4)]
    [InlineData("47 45 54 20", -1)]
    public void Pdu_length_reads_the_netbios_header(string hex, int expected) =>
        Assert.Equal(expected, _dissector.PduLength(TestFrames.Hex(hex)));

    /// <summary>[MS-SMB2] §2.2.1.2 sync header and §2.2.13 CREATE request, behind a direct-TCP header.</summary>
    private static byte[] Smb2Create(string name, uint desiredAccess, uint disposition)
    {
        var header = new byte[64];
        TestFrames.Hex("fe534d42 4000").CopyTo(header, 0);
        header[12] = 5;
        var fileName = System.Text.Encoding.Unicode.GetBytes(name);
        var body = new byte[56];
        body[0] = 57;
        BitConverter.GetBytes(desiredAccess).CopyTo(body, 24);
        BitConverter.GetBytes(7u).CopyTo(body, 32);
        BitConverter.GetBytes(disposition).CopyTo(body, 36);
        BitConverter.GetBytes((ushort)120).CopyTo(body, 44);
        BitConverter.GetBytes((ushort)fileName.Length).CopyTo(body, 46);
        byte[] message = [.. header, .. body, .. fileName];
        return [0, (byte)(message.Length >> 16), (byte)(message.Length >> 8), (byte)message.Length, .. message];
    }
}
