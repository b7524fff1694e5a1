using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Capture;

namespace Seam.Protocols.Tests.Industrial;

/// <summary>
/// The identities Seam learns from whole corpus captures equal what tshark decodes from the same frames:
/// which device (IP address, or MAC address on layer 2) said which value.
/// </summary>
public sealed class IndustrialCorpusIdentityTests
{
    // PROFINET-RT.pcap and mixed/mb2.pcap hold only Identify requests, whose NameOfStation is the one searched
    // for, not the sender's: the unit tests check that none is reported.
    [Theory]
    [InlineData("profinet/profinet_io_cm_mixed_1.pcap")]
    public void Dcp_station_names_are_those_of_tsharks_identify_responses(string capture) =>
        AssertSame(capture, ProtocolId.ProfinetDcp, IdentityField.StationName,
            "pn_dcp.service_type == 1 && pn_dcp.suboption_device_nameofstation", "eth.src", "pn_dcp.suboption_device_nameofstation");

    [Theory]
    [InlineData("bacnet/bacnet_services.pcap")]
    [InlineData("bacnet/bacnet-ip.cap")]
    [InlineData("bacnet/bacnet-ethernet-device.cap")]
    [InlineData("bacnet/BACnetARRAY-elements.cap")]
    public void Bacnet_device_instances_are_those_of_tsharks_local_i_am(string capture) =>
        AssertSame(capture, ProtocolId.Bacnet, IdentityField.DeviceAddress,
            "bacapp.unconfirmed_service == 0 && !bacnet.snet", "ip.src", "bacapp.instance_number", fallbackKey: "eth.src");

    // Identity Get_Attributes_All inside Unconnected Send (SendRRData) in both captures, and one connected
    // Get_Attribute_List of attributes 1-7 (EIP-SoftwareUpload.pcap #264): every frame tshark decodes cip.id from.
    [Theory]
    [InlineData("enip_cip/ControlLogix_Logix5000_download_upload_run.pcap", IdentityField.Product, "cip.id.product_name")]
    [InlineData("enip_cip/EIP-SoftwareUpload.pcap", IdentityField.Product, "cip.id.product_name")]
    [InlineData("enip_cip/ControlLogix_Logix5000_download_upload_run.pcap", IdentityField.SerialNumber, "cip.id.serial_number")]
    [InlineData("enip_cip/EIP-SoftwareUpload.pcap", IdentityField.SerialNumber, "cip.id.serial_number")]
    [InlineData("enip_cip/EIP-SoftwareUpload.pcap", IdentityField.ProductCode, "cip.id.product_code")]
    public void Cip_identities_are_those_of_tsharks_get_attributes_all_replies(string capture, IdentityField field, string tsharkField) =>
        AssertSame(capture, ProtocolId.EtherNetIp, field, "cip.id.vendor_id", "ip.src", tsharkField);

    [Theory]
    [InlineData("iec104/vinci104.pcap")]
    [InlineData("iec104/iec104_baselines.pcap")]
    [InlineData("iec104/62.pcap")]
    public void Iec104_common_addresses_are_those_of_tsharks_asdus_from_port_2404(string capture) =>
        AssertSame(capture, ProtocolId.Iec104, IdentityField.DeviceAddress,
            "iec60870_asdu && tcp.srcport == 2404 && iec60870_asdu.addr != 65535", "ip.src", "iec60870_asdu.addr");

    [Theory]
    [InlineData("opcua/open62541_discover_getendpoints_discover_urls.pcap", "")]
    [InlineData("opcua/python_opcua-client-server_encrypted.pcap", "")]
    [InlineData("opcua/opc-ua-ap-method-wireshark-freeze.pcap", "tcp.port==12001,opcua")]
    public void Opc_ua_application_uris_are_those_of_tsharks_get_endpoints_responses(string capture, string decodeAs) =>
        AssertSame(capture, ProtocolId.OpcUa, IdentityField.ApplicationUri,
            "opcua.servicenodeid.numeric == 431", "ip.src", "opcua.ApplicationUri", fallbackKey: "ipv6.src", decodeAs: decodeAs);

    private static void AssertSame(
        string capture, ProtocolId protocol, IdentityField field, string filter, string keyField, string valueField,
        string? fallbackKey = null, string decodeAs = "")
    {
        var path = CorpusCaptures.Full(capture);
        var expected = TsharkProtocolCounts.Rows(path, filter, decodeAs, keyField, fallbackKey ?? keyField, valueField)
            .SelectMany(row => row[2].Split(',').Select(value => (Key: row[0].Length > 0 ? row[0] : row[1], Value: value)))
            .Where(pair => pair.Value.Length > 0)
            .ToHashSet();

        var sink = new RecordingSink();
        using (var file = File.OpenRead(path))
        {
            PassiveDissection.Run(file, DissectorCatalog.All(), sink, capture);
        }

        var actual = sink.Identities
            .Where(i => i.Protocol == protocol && i.Field == field)
            .Select(i => (Key: i.Device.Ip.IsNone ? i.Device.Mac.ToString() : i.Device.Ip.ToString(), i.Value))
            .ToHashSet();

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), actual.Order());
    }
}
