using Seam.Protocols.Dissection;
using Seam.Protocols.FileTransfer;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.FileTransfer;

/// <summary>Windows browser announcements over NetBIOS datagrams, copied from corpus captures with tshark -e udp.payload.</summary>
public sealed class BrowserAnnouncementTests
{
    /// <summary>corpus enip_cip/ControlLogix_Logix5000_download_upload_run.pcap frame 203: Local Master Announcement KULKAJ, OS 6.0.</summary>
    private const string LocalMasterAnnouncement =
        "110e865a0a5c1275008a00bb000020454c4646454d454c4542454b434143414341434143414341434143414341434100204542464545494546454f45" +
        "46454445504643464145504643454246454546424f00ff534d4225000000000000000000000000000000000000000000000000000000110000210000" +
        "00000000000000e803000000000000000021005600030001000000020032005c4d41494c534c4f545c42524f575345000f0080fc0a004b554c4b414a" +
        "000064002000500072000600031005000f0155aa00";

    /// <summary>corpus iec104/104deneme2.pcap frame 138: Domain/Workgroup Announcement WORKGROUP from DESKTOP-T39THPL.</summary>
    private const string DomainAnnouncement =
        "1102f93fc0a801c8008a00ca000020454545464644454c464545504641434e46454444444a464545494641454d414100204142414346504650454e46" +
        "44454346434550464846444546465046504143414200ff534d4225000000000000000000000000000000000000000000000000000000110000300000" +
        "00000000000000e803000000000000000030005600030001000100020041005c4d41494c534c4f545c42524f575345000c00e0930400574f524b4752" +
        "4f55500098d9893b5400030a00100080540000004445534b544f502d5433395448504c00";

    private readonly SmbDissector _dissector = new();

    [Fact]
    public void A_local_master_announcement_names_the_host_and_its_windows_version()
    {
        var frame = TestFrames.Udp("10.92.18.117", 138, "10.255.255.255", 138);

        var sink = TestFrames.Dissect(_dissector, frame, TestFrames.Hex(LocalMasterAnnouncement));

        Assert.Equal([(1L, ProtocolId.Smb)], sink.Pdus);
        Assert.Equal(["KULKAJ"], sink.Values(IdentityField.HostName));
        Assert.Equal(["Windows NT 6.0 (browser announcement)"], sink.Values(IdentityField.OperatingSystem));
        Assert.All(sink.Identities, i => Assert.Equal(DeviceRef.Source(frame), i.Device));
    }

    [Fact]
    public void A_domain_announcement_names_the_workgroup_and_the_sender()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("192.168.1.200", 138, "192.168.1.255", 138), TestFrames.Hex(DomainAnnouncement));

        Assert.Equal(["WORKGROUP"], sink.Values(IdentityField.DomainName));
        Assert.Equal(["DESKTOP-T39THPL"], sink.Values(IdentityField.HostName));
        Assert.Empty(sink.Values(IdentityField.OperatingSystem));
    }

    [Fact]
    public void A_datagram_without_smb_is_not_counted()
    {
        var bytes = TestFrames.Hex(DomainAnnouncement);
        bytes[82] = 0;

        Assert.Empty(TestFrames.Dissect(_dissector, TestFrames.Udp("192.168.1.200", 138, "192.168.1.255", 138), bytes).Pdus);
    }
}
