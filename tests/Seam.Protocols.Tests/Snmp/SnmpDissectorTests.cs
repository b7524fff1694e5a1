using Seam.Protocols.Dissection;
using Seam.Protocols.Snmp;
using Seam.Protocols.Tests.ItProtocols;

namespace Seam.Protocols.Tests.Snmp;

public sealed class SnmpDissectorTests
{
    /// <summary>
    /// corpus dnp3/DNP3ValueBinary.pcap frame 30: a printer-discovery GetRequest for sysDescr.0, community "public",
    /// as quoted inside an ICMP port-unreachable (tshark dissects it as snmp; the inner UDP payload copied out).
    /// </summary>
    private const string CorpusGetSysDescr = "302602010004067075626c6963a019020150020100020100300e300c06082b060102010101000500";

    private readonly SnmpDissector _dissector = new();

    [Fact]
    public void A_v1_request_shows_the_community_only_redacted()
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("192.168.1.150", 50000, "192.168.1.20", 161), TestFrames.Hex(CorpusGetSysDescr));

        Assert.Equal(("GetRequest", OperationKind.Read, true), (Assert.Single(sink.Operations).Name, sink.Operations[0].Kind, sink.Operations[0].IsRequest));
        var credential = Assert.Single(sink.Events);
        Assert.Equal(DiscoveryEventKind.ClearTextCredential, credential.Kind);
        Assert.Contains("p… (6 characters)", credential.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("public", credential.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_about_the_system_group_describes_the_agent_and_tshark_agrees()
    {
        var response = GetResponse(
            ("2b06010201010100", OctetString("SCALANCE XC208, FW: V4.1")),
            ("2b06010201010200", [0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xc3, 0x75, 0x01]),
            ("2b06010201010500", OctetString("sw-cell-3")));
        var frame = TestFrames.Udp("10.0.6.6", 161, "10.0.0.5", 50000);

        var sink = TestFrames.Dissect(_dissector, frame, response);

        Assert.Empty(sink.Events);
        Assert.Equal(["SCALANCE XC208, FW: V4.1"], sink.Values(IdentityField.Software));
        Assert.Equal(["sw-cell-3"], sink.Values(IdentityField.HostName));
        Assert.Equal(["IANA enterprise 25077"], sink.Values(IdentityField.VendorId));
        Assert.Equal(["1.3.6.1.4.1.25077.1"], sink.Values(IdentityField.ProductCode));
        Assert.All(sink.Identities, i => Assert.Equal(DeviceRef.Source(frame), i.Device));
        Assert.Equal("1.3.6.1.2.1.1.1.0,1.3.6.1.2.1.1.2.0,1.3.6.1.2.1.1.5.0\t1.3.6.1.4.1.25077.1",
            TsharkOnBytes.Fields(tcp: false, 161, 50000, response, "snmp.name", "snmp.value.oid"));
    }

    [Fact]
    public void Snmpv3_is_counted_without_reading_its_pdu()
    {
        var message = TestFrames.Hex("3010 020103 300b 020101 020300ffe3 040104");

        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("10.0.0.5", 50000, "10.0.6.6", 161), message);

        Assert.Single(sink.Pdus);
        Assert.Empty(sink.Events);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("3084ffffffff")]
    [InlineData("30 03 020109")]
    [InlineData("30 0b 020101 0400 a505 020101 3000")]
    public void Malformed_or_foreign_bytes_are_not_snmp(string hex)
    {
        var sink = TestFrames.Dissect(_dissector, TestFrames.Udp("10.0.0.5", 50000, "10.0.6.6", 161), TestFrames.Hex(hex));

        Assert.Empty(sink.Operations);
    }

    private static byte[] OctetString(string text)
    {
        var bytes = TestFrames.Ascii(text);
        return [0x04, (byte)bytes.Length, .. bytes];
    }

    /// <summary>RFC 3416 GetResponse in an SNMPv2c message, community "private"; short-form lengths, so under 128 bytes.</summary>
    private static byte[] GetResponse(params (string OidHex, byte[] Value)[] bindings)
    {
        var list = bindings.SelectMany(b =>
        {
            var oid = TestFrames.Hex(b.OidHex);
            byte[] pair = [0x06, (byte)oid.Length, .. oid, .. b.Value];
            return new byte[] { 0x30, (byte)pair.Length }.Concat(pair);
        }).ToArray();
        byte[] pdu = [0x02, 0x01, 0x07, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, (byte)list.Length, .. list];
        byte[] body = [0x02, 0x01, 0x01, .. OctetString("private"), 0xA2, (byte)pdu.Length, .. pdu];
        return [0x30, (byte)body.Length, .. body];
    }
}
