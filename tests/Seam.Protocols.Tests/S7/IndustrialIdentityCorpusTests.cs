using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Capture;

namespace Seam.Protocols.Tests.S7;

/// <summary>
/// Identities read from whole corpus captures through the capture pipeline, with the values tshark -V shows for
/// the same frames (quoted in each test).
/// </summary>
public sealed class IndustrialIdentityCorpusTests
{
    private static RecordingSink Run(string capture)
    {
        var sink = new RecordingSink();
        using var stream = File.OpenRead(CorpusCaptures.Full(capture));
        PassiveDissection.Run(stream, DissectorCatalog.All(), sink);
        return sink;
    }

    [Fact]
    public void S7ident_capture_names_the_snap7_cpu()
    {
        // tshark -V, frames 11 and 13: MlfB "6ES7 315-2EH14-0AB0", Name of the PLC "SNAP7-SERVER", module type
        // "CPU 315-2 PN/DP", serial "S C-C2UR28922012".
        var sink = Run("s7comm/s7ident.pcap");

        Assert.Equal(["6ES7 315-2EH14-0AB0"], sink.Values(IdentityField.Model));
        Assert.Equal(["SNAP7-SERVER"], sink.Values(IdentityField.StationName));
        Assert.Equal(["CPU 315-2 PN/DP"], sink.Values(IdentityField.Product));
        Assert.Equal(["S C-C2UR28922012"], sink.Values(IdentityField.SerialNumber));
        Assert.All(sink.Identities.Where(i => i.Protocol == ProtocolId.S7Comm), i => Assert.Equal(IpAddr.Parse("172.17.0.2"), i.Device.Ip));
    }

    [Fact]
    public void Enip_example_capture_names_the_1756_enbt()
    {
        // tshark -V, frame 372: Product Name 1756-ENBT/A, Serial Number 0x00524d8e, from 10.1.1.164.
        var sink = Run("enip_cip/enip_cip_example.pcap");

        Assert.Equal(["1756-ENBT/A"], sink.Values(IdentityField.Product));
        Assert.Equal(["0x00524d8e"], sink.Values(IdentityField.SerialNumber));
        Assert.Equal(IpAddr.Parse("10.1.1.164"), sink.Identities.Single(i => i.Field == IdentityField.Product).Device.Ip);
    }

    [Fact]
    public void Modbus_example_capture_names_the_zeek_test_device()
    {
        // tshark -V, frame 94: VendorName "Zeek Modbus Test", MajorMinorRevision "1.2.3.6".
        var sink = Run("modbus/modbus_example.pcap");

        Assert.Equal(["Zeek Modbus Test"], sink.Values(IdentityField.Vendor));
        Assert.Equal(["1.2.3.6"], sink.Values(IdentityField.FirmwareVersion));
    }

    [Fact]
    public void Modicon_capture_shows_a_program_upload_out_of_the_plc()
    {
        // modicon_test.pcap: 53 UMAS 0x34 requests, each answered with a block of the application.
        var sink = Run("modbus/modicon_test.pcap");

        Assert.Equal(53, sink.Operations.Count(o => o.Code == 0x5A34 && o.IsRequest && o.Kind == OperationKind.ProgramUpload));
    }

    [Fact]
    public void S7_download_capture_shows_the_block_download_and_its_activation()
    {
        // s7comm_downloading_block_db1.pcap: tshark shows Request download, Download block, Download ended and
        // a PI-Service _INSE.
        var sink = Run("s7comm/s7comm_downloading_block_db1.pcap");

        var kinds = sink.Operations.Where(o => o.Protocol == ProtocolId.S7Comm && o.IsRequest).Select(o => o.Name).Distinct().ToList();
        Assert.Superset(new HashSet<string> { "Request Download", "Download Block", "Download Ended", "PLC Control" }, kinds.ToHashSet());
    }
}
